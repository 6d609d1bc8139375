"""The report's sections, one module each; every module's ``build(inputs)`` returns a Section."""
