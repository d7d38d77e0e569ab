// The search page's previews and section matches (loaded on search.html
// only, after Sphinx's searchtools.js).
//
// Previews: Sphinx quotes the text of a result's whole main column, which
// here begins with the page's toolbar ("Binder Repository Open issue .ipynb
// .md ...") and its contents list, and reads a typeset formula as the bare
// characters of its MathML ("C = 12" for C = 1/2).  The page furniture is
// dropped and each formula is written out as linear text: fractions with a
// slash, powers with ^, subscripts with _.
//
// Sections: Sphinx matches a query against a section title only if the
// query is at least half as long as the title, so "jacobian" never finds
// "The Jacobian matrix".  Every title that holds each word of the query is
// a result too, scored as Sphinx scores a title.
//
// Ranking: a section whose title holds the query ranks above an API member
// of that name and above a page that merely mentions it: a reader searching
// "jacobian" wants the section on the Jacobian matrix first, then
// bp.numerical_jacobian.  (Sphinx's Scorer keeps its other weights.)
(() => {
  if (typeof Search === "undefined") return;
  Scorer.score = (result) => (result[6] === SearchResultKind.title ? result[4] + 20 : result[4]);

  const FURNITURE = ".bd-header-article, .bd-sidebar-secondary, .prev-next-area, .bd-footer-article, "
    + "nav, button, .headerlink, .copybtn, details.above-input > summary";
  const group = (text) => (/^[\w.′⊤]+$/u.test(text) ? text : `(${text})`);
  const linear = (node) => {
    const parts = Array.from(node.children || [], linear);
    switch (node.localName) {
      case "mfrac": return `${group(parts[0])}/${group(parts[1])}`;
      case "msup": return `${parts[0]}^${group(parts[1])}`;
      case "msub": return `${parts[0]}_${group(parts[1])}`;
      case "msubsup": return `${parts[0]}_${group(parts[1])}^${group(parts[2])}`;
      case "msqrt": return `√${group(parts.join(""))}`;
      case "mroot": return `${group(parts[1])}√${group(parts[0])}`;
      case "mi": case "mn": case "mo": case "mtext": return node.textContent.trim();
      case "mspace": return " ";
      case "mtr": return parts.join(" ") + "; ";
      default: return parts.join(node.localName === "mtd" ? " " : "");
    }
  };

  const toText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(FURNITURE).forEach((el) => el.remove());
    page.querySelectorAll("mjx-container").forEach((formula) => {
      const math = formula.querySelector("math");
      formula.replaceWith(page.createTextNode(math ? ` ${linear(math).trim()} ` : ""));
    });
    return toText(page.documentElement.outerHTML, anchor);
  };

  const perform = Search._performSearch;
  Search._performSearch = (query, ...terms) => {
    const results = perform(query, ...terms);
    const index = Search._index;
    const words = splitQuery(query.toLowerCase().trim());
    if (!words.length) return results;
    const found = new Set(results.map((r) => r[0] + r[2]));
    const more = [];
    for (const [title, places] of Object.entries(index.alltitles)) {
      const lower = title.toLowerCase();
      if (!words.every((word) => lower.includes(word))) continue;
      for (const [file, id] of places) {
        const anchor = id !== null ? "#" + id : "";
        if (found.has(index.docnames[file] + anchor)) continue;
        const page = index.titles[file];
        const result = [index.docnames[file], page !== title ? `${page} > ${title}` : title, anchor, null,
          Math.round((Scorer.title * query.length) / title.length), index.filenames[file], SearchResultKind.title];
        result[4] = Scorer.score(result);
        more.push(result);
      }
    }
    return more.length ? [...results, ...more].sort(_orderResultsByScoreThenName) : results;
  };
})();
