// Previews of the book's references (docs/_ext/previews.py): hovering or
// focusing a link to an equation, a figure, a table, a theorem, definition
// or exercise, a bibliography entry or an API entry shows its target beside
// the link; Escape closes it.  On a touch screen the first tap on such a
// link shows the preview and the second follows the link.
//
// The page's previews (typeset when the book was built) and Tippy.js with
// Popper, all served by the site, are fetched on the first hover, focus or
// tap of a link that has one: a page that is only read loads none of them.
(() => {
  const here = document.currentScript.src;
  const library = (name) => new URL(`previews/${name}`, here).href;
  const script = (src) => new Promise((resolve, reject) => {
    const tag = Object.assign(document.createElement("script"), {src, onload: resolve, onerror: reject});
    document.head.append(tag);
  });
  let loading = null;
  let touched = null; // the link a finger is on, and whether its preview was open before
  const instances = new Map();

  // The build marks the links that have a preview, and names the page's file of them.
  const source = document.querySelector('meta[name="book-previews"]');
  if (!source) return;
  const linkOf = (target) => (target instanceof Element && target.closest("article a[data-preview]")) || null;

  // A preview without the ids its page already has, a heading's anchor, an
  // equation's number (the link says it), or a citation's links back to
  // where it is cited on its own page.
  const tidy = (box) => {
    box.querySelectorAll(".headerlink, .eqno").forEach((node) => node.remove());
    box.querySelectorAll('a[role="doc-backlink"]').forEach((node) => node.replaceWith(...node.childNodes));
    box.querySelectorAll("[id]").forEach((node) => node.removeAttribute("id"));
  };

  const build = (html) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    // The previews' formulas need the rules MathJax wrote for their characters.
    for (const style of doc.head.querySelectorAll("style")) {
      style.removeAttribute("id");
      document.head.append(style);
    }
    const previews = new Map(Array.from(doc.body.querySelectorAll("div[data-href]"), (div) => [div.dataset.href, div]));
    for (const link of document.querySelectorAll("article a[data-preview]")) {
      const preview = previews.get(link.getAttribute("href"));
      if (!preview) continue;
      const content = () => {
        const box = document.createElement("div");
        box.className = "preview";
        const from = preview.dataset.from && document.getElementById(preview.dataset.from);
        for (const node of from ? [from] : Array.from(preview.children)) box.append(node.cloneNode(true));
        tidy(box);
        const go = Object.assign(document.createElement("a"), {href: link.href, className: "preview-go"});
        const page = link.pathname.split("/").pop();
        go.textContent = page === "references.html" ? "Go to the References →"
          : page === "api.html" ? "Go to the API reference →" : `Go to ${link.textContent.trim()} →`;
        box.append(go);
        return box;
      };
      instances.set(link, window.tippy(link, {
        content, theme: "book", interactive: true, appendTo: () => document.body,
        trigger: "mouseenter focus", placement: "bottom-start", maxWidth: "min(34rem, calc(100vw - 16px))",
        delay: [120, 80], offset: [0, 6], arrow: false, animation: false,
        aria: {content: "describedby", expanded: false},
        popperOptions: {modifiers: [{name: "preventOverflow", options: {padding: 8}}]},
      }));
    }
  };

  const ready = () => loading ??= Promise.all([
    script(library("popper.min.js")).then(() => script(library("tippy.umd.min.js"))),
    fetch(source.content).then((response) => response.text()),
  ]).then(([, html]) => build(html));

  const showWhenReady = (link, still) => {
    ready().then(() => { if (still()) instances.get(link)?.show(); });
  };

  // The first hover or focus loads the previews; Tippy.js handles the rest.
  document.addEventListener("pointerover", (event) => {
    const link = event.pointerType === "mouse" && !loading && linkOf(event.target);
    if (link) showWhenReady(link, () => link.matches(":hover"));
  });
  document.addEventListener("focusin", (event) => {
    const link = !loading && linkOf(event.target);
    if (link) showWhenReady(link, () => document.activeElement === link);
  });

  // A tap opens the preview; a tap on the same link while it is open follows it.
  document.addEventListener("pointerdown", (event) => {
    const link = event.pointerType !== "mouse" && linkOf(event.target);
    touched = link ? {link, open: Boolean(instances.get(link)?.state.isVisible)} : null;
  }, true);
  document.addEventListener("click", (event) => {
    const link = linkOf(event.target);
    if (!link || !touched || touched.link !== link || touched.open) return;
    event.preventDefault();
    window.tippy?.hideAll({duration: 0});
    showWhenReady(link, () => true);
  }, true);

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const [link, instance] of instances) {
      if (!instance.state.isVisible) continue;
      // Focus goes back to the link (if it was in the preview), which must
      // not open the preview again.
      if (instance.popper.contains(document.activeElement)) link.focus({preventScroll: true});
      instance.clearDelayTimeouts();
      instance.hide();
    }
  });
})();
