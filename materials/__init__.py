"""What is printed or handed out: PDFs of curricula and modules, print templates, fonts,
offline packs. See ``materials.documents`` for how documents are cached and queued."""
