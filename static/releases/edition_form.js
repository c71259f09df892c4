// The edition form: rich text for the bodies and summaries, and live completeness per language.
// A module loaded from a file (the Content-Security-Policy allows no inline script); without it
// the form still works: the bodies are plain textareas holding HTML, and the counts are the server's.

const script = document.getElementById("edition-form-script");

// "English: 2 of 3 required fields", recounted as the person types.
function countCompleteness(form) {
  for (const counter of document.querySelectorAll("[data-completeness]")) {
    const code = counter.dataset.completeness;
    const fields = form.querySelectorAll(`[data-required-in="${code}"]`);
    let filled = 0;
    for (const field of fields) {
      const value = "value" in field && field.tagName !== "DIV" ? field.value : field.dataset.filled === "1" ? "x" : "";
      if (value.trim()) filled += 1;
    }
    const text = counter.dataset.template.replace("{filled}", filled).replace("{total}", fields.length);
    if (counter.textContent !== text) counter.textContent = text;
    counter.classList.toggle("complete", fields.length > 0 && filled === fields.length);
  }
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

// Which tools each rich-text field has (data-rich-text-tools), as the server's allowlists say
// (releases/sanitise.py): the body has them all; a summary, which is also the description in
// search results, feeds and alerts, has paragraphs, bold, italic and links only.
const BLOCK_TOOLS = ["heading", "bulletList", "orderedList", "blockquote"];
const TOOLS = {
  body: null,
  summary: ["paragraph", "bold", "italic", "link", "undo", "redo"],
};

function extensionsFor(tiptap, tools) {
  const link = tiptap.Link.configure({
    openOnClick: false, autolink: false, linkOnPaste: true, protocols: ["mailto"],
    HTMLAttributes: { target: null, rel: "noopener noreferrer nofollow", class: null },
    isAllowedUri: (url) => SAFE_LINK.test(url),
  });
  const base = [
    tiptap.Document, tiptap.Paragraph, tiptap.Text, tiptap.HardBreak,
    tiptap.Bold, tiptap.Italic, link, tiptap.UndoRedo, tiptap.Dropcursor, tiptap.Gapcursor,
  ];
  if (tools && !BLOCK_TOOLS.some((tool) => tools.includes(tool))) return base;
  return [
    ...base,
    tiptap.Heading.configure({ levels: [2, 3] }),
    tiptap.Blockquote, tiptap.BulletList, tiptap.OrderedList, tiptap.ListItem,
  ];
}

function toolbarFor(textarea, editor, tools) {
  const template = document.getElementById("rich-text-toolbar");
  const toolbar = template.content.firstElementChild.cloneNode(true);
  if (tools) {
    for (const button of toolbar.querySelectorAll("button[data-command]")) {
      if (!tools.includes(button.dataset.command)) button.remove();
    }
  }
  const label = document.getElementById(`label-${textarea.name.replace(/_[a-z-]+$/, "")}-${textarea.dataset.richText}`);
  toolbar.setAttribute("aria-label", `${toolbar.dataset.label}: ${label ? label.textContent.trim() : textarea.name}`);
  toolbar.setAttribute("aria-controls", editor.view.dom.id);
  const run = {
    paragraph: (chain) => chain.setParagraph(),
    heading: (chain, button) => chain.toggleHeading({ level: Number(button.dataset.level) }),
    bold: (chain) => chain.toggleBold(),
    italic: (chain) => chain.toggleItalic(),
    bulletList: (chain) => chain.toggleBulletList(),
    orderedList: (chain) => chain.toggleOrderedList(),
    blockquote: (chain) => chain.toggleBlockquote(),
    undo: (chain) => chain.undo(),
    redo: (chain) => chain.redo(),
    link: (chain, button) => {
      const current = editor.getAttributes("link").href || "";
      const href = window.prompt(button.dataset.prompt, current || "https://");
      if (href === null) return chain;
      const value = href.trim();
      if (!value || value === "https://") return chain.extendMarkRange("link").unsetLink();
      if (!SAFE_LINK.test(value)) return chain;
      return chain.extendMarkRange("link").setLink({ href: value });
    },
  };
  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-command]");
    if (!button) return;
    event.preventDefault();
    run[button.dataset.command](editor.chain().focus(), button).run();
  });
  // Each button says whether it is on where the cursor is, in words for screen readers too.
  const state = {
    paragraph: () => editor.isActive("paragraph"),
    heading: (button) => editor.isActive("heading", { level: Number(button.dataset.level) }),
    bold: () => editor.isActive("bold"),
    italic: () => editor.isActive("italic"),
    bulletList: () => editor.isActive("bulletList"),
    orderedList: () => editor.isActive("orderedList"),
    blockquote: () => editor.isActive("blockquote"),
    link: () => editor.isActive("link"),
  };
  const refresh = () => {
    for (const button of toolbar.querySelectorAll("button[data-command]")) {
      const active = state[button.dataset.command];
      if (active) button.setAttribute("aria-pressed", active(button) ? "true" : "false");
    }
    toolbar.querySelector('[data-command="undo"]').disabled = !editor.can().undo();
    toolbar.querySelector('[data-command="redo"]').disabled = !editor.can().redo();
  };
  editor.on("transaction", refresh);
  refresh();
  return toolbar;
}

async function richText(form) {
  const textareas = form.querySelectorAll("textarea[data-rich-text]");
  if (!textareas.length || !script) return;
  const tiptap = await import(script.dataset.editor);
  for (const textarea of textareas) {
    const wrapper = document.createElement("div");
    wrapper.className = "rich-text";
    wrapper.lang = textarea.lang;
    wrapper.dir = textarea.dir;
    textarea.before(wrapper);
    const label = document.getElementById(`label-${textarea.name.replace(/_[a-z-]+$/, "")}-${textarea.dataset.richText}`);
    const tools = TOOLS[textarea.dataset.richTextTools] || null;
    wrapper.dataset.tools = textarea.dataset.richTextTools || "body";
    const editor = new tiptap.Editor({
      element: wrapper,
      // Tiptap's own <style> would be an inline style, which the policy refuses: edition_form.css has it.
      injectCSS: false,
      // Headings, paragraphs, bold, italic, links, lists and block quotes (a summary: fewer): the
      // schema is the allowlist, so whatever is pasted (Word, a web page) keeps only these. The
      // server sanitises again (nh3).
      extensions: extensionsFor(tiptap, tools),
      content: textarea.value,
      editorProps: {
        attributes: {
          id: `${textarea.id}_editor`, role: "textbox", "aria-multiline": "true",
          ...(label ? { "aria-labelledby": label.id } : {}),
          lang: textarea.lang, dir: textarea.dir, class: "rich-text-content",
        },
      },
      // Only a change by the person writes back, so an untouched body is sent exactly as it was stored.
      onUpdate: ({ editor }) => {
        textarea.value = editor.isEmpty ? "" : editor.getHTML();
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      },
    });
    wrapper.prepend(toolbarFor(textarea, editor, tools));
    wrapper.append(textarea);
    textarea.hidden = true;
    if (label) label.addEventListener("click", () => editor.commands.focus());
    textarea.richTextEditor = editor;
  }
  form.dataset.richText = "ready";
}

// select2 (Django's autocomplete) is mended for every admin page in admin_desk.js.

const form = document.getElementById("edition_form");
if (form) {
  form.addEventListener("input", () => countCompleteness(form));
  countCompleteness(form);
  richText(form).catch((error) => {
    // The textareas stay as they are: nothing typed is lost.
    console.warn("The rich-text editor could not start:", error);
  });
}
