// Arabic is the source language: its tab opens first, whatever the admin's language.
window.MODELTRANSLATION_AUTO_SELECT_CURRENT_LANGUAGE = false;
