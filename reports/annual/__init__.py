"""The national annual report to the Riksdag (årsrapport, modelled on a government skrivelse):
selectors (everything the document shows, preloaded), services (create, edit, generate,
publish), the background task, the PDF builder, pages and the public publication list."""
