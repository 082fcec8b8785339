"""Train the embedded model's deal extractor: synthetic corpus, LoRA fine-tune, GGUF export.

``python -m training.generate`` writes the corpus, ``python -m training.train`` fine-tunes Gemma 3
270M with LoRA, ``python -m training.export`` converts the adapter to the GGUF LoRA that
``summarize.providers.embedded`` loads. See docs/adapter.md.
"""
