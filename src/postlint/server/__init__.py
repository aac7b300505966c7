"""The editor layer: `postlint server`, a Language Server over the engine's one lint path.

`project` holds one workspace folder's config, linter and site index; `diagnostics`
turns findings into LSP diagnostics; `actions` into code actions; `lsp` is the
pygls server. Only `diagnostics`, `actions` and `lsp` need pygls (the `server` extra).
"""
