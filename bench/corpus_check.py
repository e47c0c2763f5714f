#!/usr/bin/env python3
"""The devicetype-library's own way of checking its files, for `npm run bench -- --corpus`.

PyYAML (CSafeLoader, libyaml, when available; else SafeLoader) reads each file and jsonschema's
Draft 2020-12 validator checks it against the library's own schemas (schema/devicetype.json,
schema/moduletype.json and the files they refer to, registered by their $id through `referencing` when
installed, else through a RefResolver store). Each validator is built once, then every file is
validated with iter_errors (every error counted, as sot reports every error).

Usage: python3 bench/corpus_check.py /path/to/devicetype-library
Prints one JSON line: elapsed_ms (after the imports: loading schemas, listing, reading, parsing and
validating), files, files_with_errors, errors, yaml_errors, loader, refs.
"""
import json
import os
import sys
import time

import jsonschema
import yaml
from jsonschema import Draft202012Validator

TOP_FOLDERS = ("device-types", "module-types", "edge-cases")


def corpus_files(root):
    out = []
    for top in TOP_FOLDERS:
        base = os.path.join(root, top)
        for dirpath, _dirs, names in os.walk(base):
            for name in names:
                if name.lower().endswith((".yaml", ".yml")):
                    out.append(os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/"))
    return sorted(out)


def validators(schema_dir):
    schemas = {}
    for name in sorted(os.listdir(schema_dir)):
        if name.endswith(".json"):
            with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
                schemas[name] = json.load(f)
    try:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        registry = Registry().with_resources(
            (s["$id"], Resource.from_contents(s, default_specification=DRAFT202012)) for s in schemas.values() if "$id" in s
        )
        make = lambda s: Draft202012Validator(s, registry=registry)  # noqa: E731
        refs = "referencing.Registry"
    except ImportError:
        store = {s["$id"]: s for s in schemas.values() if "$id" in s}
        make = lambda s: Draft202012Validator(s, resolver=jsonschema.RefResolver.from_schema(s, store=store))  # noqa: E731
        refs = "RefResolver"
    return make(schemas["devicetype.json"]), make(schemas["moduletype.json"]), refs


def main(root):
    t0 = time.perf_counter()
    device, module, refs = validators(os.path.join(root, "schema"))
    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    files = corpus_files(root)
    errors = 0
    yaml_errors = 0
    files_with_errors = 0
    for rel in files:
        with open(os.path.join(root, rel), "rb") as f:
            text = f.read()
        try:
            data = yaml.load(text, Loader=loader)
        except yaml.YAMLError:
            yaml_errors += 1
            files_with_errors += 1
            continue
        validator = module if "/module-types/" in "/" + rel else device
        n = sum(1 for _ in validator.iter_errors(data))
        if n:
            errors += n
            files_with_errors += 1
    elapsed = (time.perf_counter() - t0) * 1000
    print(
        json.dumps(
            {
                "elapsed_ms": round(elapsed, 1),
                "files": len(files),
                "files_with_errors": files_with_errors,
                "errors": errors + yaml_errors,
                "yaml_errors": yaml_errors,
                "loader": loader.__name__,
                "refs": refs,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus/devicetype-library")
