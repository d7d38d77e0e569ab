"""The header's download menu offers the whole book as a PDF.

sphinx-book-theme's ".pdf" entry prints the current web page.  The book has a
real PDF edition (``make pdf``: title page, contents, page numbers,
bookmarks), which ``make pdf`` copies next to the site's front page as
``backpropagation-executed.pdf``; this entry links to it instead.
"""

PDF_NAME = "backpropagation-executed.pdf"


def _link_the_book_pdf(app, pagename, templatename, context, doctree):
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []):
            if button.get("label") == "download-pdf-button":
                button.clear()
                button.update(type="link", url=context["pathto"](PDF_NAME, 1), text="Book (.pdf)",
                              tooltip="The whole book as a PDF", icon="fas fa-file-pdf",
                              label="download-book-pdf-button")


def setup(app):
    # After sphinx-book-theme adds its buttons (priority 501).
    app.connect("html-page-context", _link_the_book_pdf, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
