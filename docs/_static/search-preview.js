// Search results quote the page around the match.  Sphinx takes that text
// from the page's HTML, where formulas are still TeX source ("\(\partial C /
// \partial W^l\)"); show them as readable text instead ("∂C/∂Wˡ" style).
(function () {
  const symbols = {
    partial: "∂", delta: "δ", Delta: "Δ", sigma: "σ", eta: "η", theta: "θ",
    lambda: "λ", gamma: "γ", nabla: "∇", odot: "⊙", otimes: "⊗", top: "ᵀ",
    cdot: "·", times: "×", sum: "Σ", le: "≤", leq: "≤", ge: "≥", geq: "≥",
    approx: "≈", to: "→", mapsto: "↦", infty: "∞", ldots: "…", dots: "…",
    cdots: "⋯", in: "∈", mathbb: "", mathbf: "", boldsymbol: "", operatorname: "",
    text: "", mathrm: "", left: "", right: "", quad: " ", qquad: " ", frac: "",
  };
  function tidy(text) {
    return text
      .replace(/\\[()[\]]|\$\$/g, "")
      .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, "($1)/($2)")
      .replace(/\\([A-Za-z]+)/g, (m, name) => (name in symbols ? symbols[name] : name))
      .replace(/[{}]/g, "")
      .replace(/\\[,;!: ]/g, " ")
      .replace(/\s+/g, " ");
  }
  window.addEventListener("DOMContentLoaded", () => {
    if (typeof Search === "undefined" || !Search.htmlToText) return;
    const htmlToText = Search.htmlToText;
    Search.htmlToText = (html, anchor) => tidy(htmlToText(html, anchor));
  });
})();
