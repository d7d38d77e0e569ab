// Typeset the TeX of built HTML pages in place, as MathJax would in the
// reader's browser: CommonHTML output (text in web fonts, so the PDF's
// formulas can be searched and copied) with MathJax's hidden MathML for
// screen readers.  Run by build_math.py:
//
//     node typeset_math.js <MathJax es5 folder> <font URL> page.html ...
//
// Prints one JSON line per page: {"page", "formulas", "errors"}.
const fs = require('fs');
const [es5, fontURL, ...pages] = process.argv.slice(2);

require(es5 + '/node-main.js').init({
  loader: {load: ['adaptors/liteDOM', 'input/tex-full', 'output/chtml', 'a11y/assistive-mml']},
  // Without "noundefined", an unknown command is an error (which fails the
  // build), not a command name printed in red.
  tex: {inlineMath: [['\\(', '\\)']], displayMath: [['\\[', '\\]']], packages: {'[-]': ['noundefined']}},
  // No browser to measure the text's x-height in: scale the formulas as
  // MathJax did in the reader's browser for the book's sans-serif text
  // (measured: 1.27), so that the display breaks chosen for a phone hold.
  chtml: {fontURL: fontURL, matchFontHeight: false, scale: 1.27},
  // Sphinx writes every formula into an element of class "math"; nothing
  // else on a page (code, outputs) is TeX.
  options: {processHtmlClass: 'math', ignoreHtmlClass: '.*'},
  startup: {typeset: false},
}).then(MathJax => {
  const adaptor = MathJax.startup.adaptor;
  for (const page of pages) {
    // The output jax writes its style sheet into the first document it
    // renders and from then on only adds rules to that one sheet: start
    // each page afresh, so that it gets a sheet of the rules it uses.
    MathJax.startup.output.clearCache();
    const doc = MathJax.startup.getDocument(fs.readFileSync(page, 'utf8'));
    doc.render();
    const formulas = Array.from(doc.math).length;
    const errors = adaptor.tags(adaptor.body(doc.document), 'mjx-merror')
      .map(node => adaptor.getAttribute(node, 'data-mjx-error') || adaptor.textContent(node));
    fs.writeFileSync(page, adaptor.doctype(doc.document) + adaptor.outerHTML(adaptor.root(doc.document)));
    console.log(JSON.stringify({page, formulas, errors}));
  }
}).catch(err => { console.error(err); process.exit(1); });
