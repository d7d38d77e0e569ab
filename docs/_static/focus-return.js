// Keyboard focus goes back to the control that opened something.  The
// theme's dialogs (the chapter list and the outline on a phone, the search
// box) and its theme switch leave focus on the page itself when they close
// or act, so a keyboard user starts again from the top of the page.  After
// Escape, a dialog's closing or a click on one of these controls, focus that
// has fallen to the page returns to the control.
(() => {
  const CONTROLS = ".theme-switch-button, .search-button__button, .primary-toggle, .secondary-toggle";
  let opener = null;
  const giveBack = () => setTimeout(() => {
    const active = document.activeElement;
    if (opener && (!active || active === document.body) && opener.isConnected && opener.getClientRects().length) {
      opener.focus({preventScroll: true});
    }
  }, 50);
  document.addEventListener("click", (event) => {
    const control = event.target.closest && event.target.closest(CONTROLS);
    if (control) {
      opener = control;
      giveBack();
    }
  }, true);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") giveBack(); }, true);
  document.addEventListener("close", giveBack, true);   // a <dialog> closing (the event does not bubble)
})();
