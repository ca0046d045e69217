"""Read a YAML file into plain data plus the line of every field, for located errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import BankIssue, field_name


@dataclass
class YamlDocument:
    path: Path
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path: tuple) -> int | None:
        """Line of a field, or of its nearest enclosing field if it is missing."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[BankIssue]]:
    """Parse one file; a syntax error or a duplicate key becomes a located issue."""
    import yaml  # here, not at import: the browser's course (course/prebuilt) has no PyYAML and reads no YAML

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [BankIssue(path, None, "", f"le fichier n'est pas en UTF-8 ({error.reason})")]
    events, error = _events(text)
    if error is not None:
        return None, [_syntax_issue(path, error)]
    depth, deepest = 0, 0
    for event in events:
        depth += isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent))
        depth -= isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent))
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        return None, [BankIssue(path, None, "", f"YAML imbriqué sur {deepest} niveaux (au plus {MAX_DEPTH} dans une "
                                                "banque de questions)")]
    aliases = [event for event in events if isinstance(event, yaml.AliasEvent)]
    if len(aliases) > MAX_ALIASES:
        line = aliases[MAX_ALIASES].start_mark.line + 1
        return None, [BankIssue(path, line, "", f"plus de {MAX_ALIASES} renvois YAML (« *nom ») : une banque n'en a pas "
                                                "besoin, et chacun peut démultiplier le fichier ; écrivez le texte en clair")]
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [BankIssue(path, 1, "", "le fichier est vide")]
        document = YamlDocument(path, loader.construct_document(node))
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_issue(path, error)]
    finally:
        loader.dispose()
    issues: list[BankIssue] = []
    _record_lines(node, (), document, issues)
    return document, issues


MAX_ALIASES = 8  # anchors and aliases (&nom / *nom): a few are harmless, many can blow a file up (alias bomb)
MAX_DEPTH = 30  # a bank file nests five or six levels; PyYAML's own parser is quadratic on deep nesting


def _events(text: str) -> tuple[list, yaml.YAMLError | None]:
    """The parser's events, or the syntax error that stops it."""
    import yaml

    # libyaml's parser (when PyYAML has it) reads a hostile file in milliseconds and refuses absurd nesting itself.
    fast_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return list(yaml.parse(text, Loader=fast_loader)), None
    except yaml.YAMLError as error:
        return [], error


def _syntax_issue(path: Path, error: yaml.YAMLError) -> BankIssue:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else None
    problem = getattr(error, "problem", None) or str(error)
    if "nesting depth" in problem:
        problem = "imbrication trop profonde"
    return BankIssue(path, line, "", f"YAML illisible : {problem}")


def _record_lines(node: yaml.Node, path: tuple, document: YamlDocument, issues: list[BankIssue]) -> None:
    import yaml

    document.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                issues.append(BankIssue(document.path, key_node.start_mark.line + 1,
                                        field_name(path + (key,)), "clé en double dans le même bloc"))
            seen.add(key)
            _record_lines(value_node, path + (key,), document, issues)
            # The key's own line is where a reader looks for an unknown or duplicate key.
            document.lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _record_lines(child, path + (index,), document, issues)

