"""The files grading writes: one module per format, each a few functions over the grade model."""
