// A block that scrolls sideways (code, an output, a wide table) says so: a
// shadow on each side that has more to show, gone once the reader has
// scrolled to that end (book.css draws it).  On a phone most code cells are
// wider than the screen, and nothing else tells a reader the line goes on.
//
// Each block is measured only once it nears the screen (most sections of a
// chapter are not laid out until then, see book.css), and again whenever
// its size changes or it is scrolled.
(() => {
  const blocks = document.querySelectorAll(
    "article pre, article .pst-scrollable-table-container, article div.cell_output .output");
  const mark = (block) => {
    const hidden = block.scrollWidth - block.clientWidth;
    block.classList.toggle("scrolls-right", hidden > 1 && block.scrollLeft < hidden - 1);
    block.classList.toggle("scrolls-left", hidden > 1 && block.scrollLeft > 1);
  };
  const resized = new ResizeObserver((entries) => entries.forEach((entry) => mark(entry.target)));
  const near = new IntersectionObserver((entries) => entries.forEach((entry) => {
    if (!entry.isIntersecting) return;
    near.unobserve(entry.target);
    resized.observe(entry.target);      // its first report measures the block
    entry.target.addEventListener("scroll", () => mark(entry.target), {passive: true});
  }), {rootMargin: "200px 0px"});
  blocks.forEach((block) => near.observe(block));
})();
