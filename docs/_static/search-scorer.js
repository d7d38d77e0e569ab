// Search results, ranked for a book (conf.py: html_search_scorer).  Sphinx's
// defaults, except that a section whose title holds the query ranks above
// an API member of that name and above a page that merely mentions it: a
// reader searching "jacobian" wants the section on the Jacobian matrix
// first, then bp.numerical_jacobian.
var Scorer = {
  score: (result) => {
    const [, , , , score, , kind] = result;
    return kind === "title" ? score + 20 : score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: {0: 15, 1: 5, 2: -5},
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
