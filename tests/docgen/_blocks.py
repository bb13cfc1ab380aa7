"""Fenced code blocks of the Markdown pages, for the tests that run them."""

from __future__ import annotations

import re

import attrs

_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<info>.*)$")


@attrs.frozen
class Block:
    """A fenced block: the line its body starts on, its info string, its body."""

    line: int
    info: str
    code: str

    @property
    def language(self) -> str:
        """The first word of the info string (``python``, ``console``, ...)."""
        return self.info.split(maxsplit=1)[0] if self.info else ""

    @property
    def run(self) -> bool:
        """False for a block marked ``title="no-run: why"``: shown, not executed."""
        return not re.search(r'title="no-run', self.info)


def fenced_blocks(text: str, languages: tuple[str, ...]) -> list[Block]:
    """The blocks of a Markdown text in one of ``languages``, dedented, in order."""
    blocks, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        indent, info = match["indent"], match["info"].strip()
        start, i = i + 1, i + 1
        body = []
        while i < len(lines) and not re.match(rf"^{indent}```\s*$", lines[i]):
            body.append(lines[i][len(indent):])
            i += 1
        i += 1
        block = Block(line=start + 1, info=info, code="\n".join(body) + "\n")
        if block.language in languages:
            blocks.append(block)
    return blocks
