export const HELP = `sot — NetBox's data model as code: validate and compile a network inventory kept as YAML in git.

Usage: sot <command> [options]

Commands:
  check [dir | files…] Validate an inventory: schemas, references, NetBox's rules. Exit 0 clean, 1 problems.
  watch [dir]          Check the inventory again on every save, redrawing the report.
  rack <site>/<rack> [dir]
                       Show a rack's elevation: its units front and rear, as text, SVG or JSON.
  trace <port> [dir]   Follow the cable path from an interface, port, circuit termination or power feed.
  ipam tree [dir]      Show the IP space: aggregates, prefixes, IP ranges and addresses per VRF, with utilization.
  ipam available <prefix> [dir]
                       List a prefix's next free IP addresses or free child prefixes.
  context <device> [dir]
                       Show a device's or VM's config context: the contexts merged, and who set each value.
  build [dir] --out <folder>
                       Write every device's config, the exports (templates, Ansible, Nornir, NetBox JSON)
                       and a manifest into a folder.
  test [dir]           Compare devices' renders with the outputs the inventory keeps in .sot/expected/.
  render <device> [dir]
                       Print a device's or VM's configuration, rendered from its config template.
  diff <base> [<head>] Show what a change does to the network: objects created, updated, deleted and
                       renamed, configs that change, problems introduced and fixed (head: the working tree).
  log <kind> <key> [dir]
                       Show an object's history: each commit that changed it, with its author and the fields.
  init [dir]           Create a new inventory: sot.yaml, a sample site, editor schema wiring
                       (--editor: only the wiring, for an existing inventory).
  schema               Write sot's JSON Schemas for editors (yaml-language-server).
  help [command]       Show help for a command.

dir is any folder of the inventory (default: the current folder): sot works on the nearest folder,
dir itself or one above it, that holds sot.yaml, as git finds its repository, and does not look above
the top of a git repository. Paths in reports are relative to the current folder.

Options:
  -v, --version        Print the version.
  -h, --help           Show this help.

Colour: on a terminal only; NO_COLOR (any value) turns it off, FORCE_COLOR=1|2|3|true turns it on even
in a pipe (0|false: off), TERM=dumb turns it off; in that order of precedence. Output into a pipe that
closes early (sot check | head) stops without an error; the exit code stays the command's.

Exit codes: 0 clean, 1 the inventory has problems, 2 usage or configuration error, 3 internal error.
`;

const COMMANDS: Record<string, string> = {
  check: `Usage: sot check [dir] [options]
       sot check <file>… [options]
       sot check --changed <rev> [dir] [options]
       sot check --rev <rev> [dir] [options]

Reads the inventory's YAML files, validates each object against its JSON Schema, resolves references by
natural key, instantiates device components from device types, runs NetBox's rules and reports every
problem at file:line:col.

The inventory is the nearest folder, dir (default: the current folder) or one above it, that holds
sot.yaml; the search stops at the top of a git repository. Without one, a settings/missing error says
where it looked (exit 2); sot init creates an inventory. Its files are every .yaml/.yml file below it
that git does not ignore (.gitignore, .git/info/exclude), outside hidden folders, node_modules and sot
builds, narrowed by sot.yaml's include and exclude patterns.

With --rev, checks the inventory as commit <rev> (a branch, tag, commit id, HEAD~1…) holds it, read
from git without touching the working tree or the index; dir is the inventory's folder in the
repository (found upward in the working tree; without a sot.yaml there, dir as given, which the commit
may hold). The commit's own sot.yaml decides include and exclude. A revision git cannot find, or a
shallow clone that lacks it, exits with code 2.

With files (as a pre-commit hook passes them, relative to the current folder), the whole inventory
the first file is in is checked, since a problem in one file may come from another, but only the
problems located in those files are reported, and the exit code follows them alone. A file outside
the inventory is a usage error (exit 2); one the inventory does not read (not YAML, excluded by
sot.yaml, ignored by git) gets a note on stderr. --changed <rev> does the same for the inventory's
files changed since <rev> (git diff, committed or not) and its untracked files. A problem in
sot.yaml is reported whatever the files.

On a terminal, a status line on stderr names the step the check is in (reading, parsing, resolving,
checking, locating) and is erased before the report; never in a pipe, with TERM=dumb or in CI.

Options:
  -f, --format <name>     pretty (default; colour on a terminal, see sot help), json,
                          github (workflow annotations), sarif (SARIF 2.1.0),
                          junit (JUnit XML: a testsuite per file, a failing testcase per problem),
                          gitlab (GitLab Code Quality JSON: errors major, warnings minor); all but
                          pretty and json give paths from the repository root (git, else
                          GITHUB_WORKSPACE)
      --fail-on <level>   error (default) or warning: the lowest severity that makes the exit code 1
  -q, --quiet             report errors only (the summary still counts the warnings left out)
  -o, --output <file>     write the report to a file (whole or not at all) instead of stdout; its
                          folder must exist
      --changed <rev>     report the files changed since <rev> and the untracked ones only
      --timings           print phase times to stderr (also SOT_TIMINGS=1)
      --rev <rev>         check the inventory as this commit holds it

Examples:
  sot check inventory-example --format github
  sot check sites/ams1.yaml sites/ams2.yaml
  sot check --changed origin/main inventory-example
  sot check . --format junit --output sot-junit.xml
  sot check . --format gitlab --output gl-code-quality-report.json
  sot check --rev origin/main inventory-example
`,
  watch: `Usage: sot watch [dir] [options]

Checks the inventory as sot check does, then again each time one of its files is saved, added,
renamed or deleted (changes 100 ms apart are checked once), printing the report each time: on a
terminal, the screen is cleared first. A status line on stderr says how long the check took and
how many files were read and parsed again: only the files that changed are parsed again, while
references and NetBox's rules are checked over the whole inventory each time. A file half-written
by an editor is reported like any syntax error until it is saved whole; a change to sot.yaml
applies its new settings; a save that changes no file's bytes leaves the report as it is. The files watched are the ones sot check reads (see sot help check).

Ctrl-C stops the watch; the exit code is then 0.

Options:
  -f, --format <name>     pretty (default), json, github or sarif, as for sot check
  -q, --quiet             report errors only

Examples:
  sot watch inventory-example
`,
  rack: `Usage: sot rack <site>/<rack> [dir] [options]
       sot rack <site>/<location>/<rack> [dir] [options]

Shows a rack's elevation as NetBox draws it: every unit top to bottom (the highest number on top, or U1
on top when the rack has desc_units), what its front and its rear hold (a full-depth device on both
faces, half-unit devices by halves), free units as free, reserved units marked with their reservation,
and below, the rack's devices that take no units (0U, or without a position). The site goes by name or
slug; a rack name used in several locations of the site needs the location (name or slug). dir is a
folder of the inventory (default: the current folder; see sot help). An inventory with errors is not
drawn: its problems go to stderr as sot check reports them, and the exit code is 1.

Options:
  -f, --format <name>     text (default), svg (front and rear side by side, devices in their role's
                          colour, reserved units hatched), json (the elevation as data)
  -o, --out <file>        write to a file instead of stdout

Example:
  sot rack iad1/A01 inventory-example
  sot rack ams1/cage-2-07/R101 inventory-example --format svg --out r101.svg
`,
  render: `Usage: sot render <device> [dir]

Prints a device's (or virtual machine's) configuration, rendered from its config template: its own
config_template, else its role's, else its platform's (a file of the inventory, a built-in template
such as builtin:arista-eos.hbs, or template_code). The template sees the device as \`device\` (a
virtual machine as \`virtualmachine\`) and its config context (sot context) at the top level
(docs/templates.md). The device goes by name, or as <site>/<device> when the name is used at several
sites. dir is a folder of the inventory (default: the current folder; see sot help). An inventory with
errors is not rendered: its problems go to stderr as sot check reports them, and the exit code is 1; so
is a template that does not compile or reads a variable the device does not have (template/… rules). A
device without a config template is exit code 2.

Example:
  sot render ams1-leaf1 inventory-example
  sot render ams1/ams1-br1 inventory-example > ams1-br1.conf
`,
  ipam: `Usage: sot ipam tree [dir] [options]
       sot ipam available <prefix> [dir] [options]

tree shows each table of IP space, the global table first and then every VRF by name: the aggregates,
the prefixes nested by containment, and under each prefix the IP ranges and IP addresses it is the
deepest prefix of (an address inside one of those ranges under the range). Each aggregate, prefix and
range shows its utilization as NetBox computes it: a prefix marked utilized is 100%; a container
counts the space its child prefixes of the same VRF cover; another prefix counts its distinct child
addresses and the whole of its child ranges marked utilized, against its size less the network and
broadcast addresses (IPv4 below /31, not a pool); an aggregate counts the prefixes of every VRF inside it.

available lists what NetBox's available-IPs and available-prefixes answer for a prefix: the next free
addresses in its usable span (every address in a pool or an IPv4 /31-/32 or IPv6 /127-/128; otherwise
without IPv4's network and broadcast and IPv6's subnet-router address), outside its child addresses
(of every VRF for a container in the global table) and its child ranges marked populated; or the free
child prefixes of one length, lowest first, as successive allocations hand them out. The prefix is
looked up in --vrf, else in the global table, else in the one VRF that has it.

dir is a folder of the inventory (default: the current folder; see sot help). An inventory with errors
is not shown: its problems go to stderr as sot check reports them, and the exit code is 1. An unknown
prefix or VRF is a usage error (exit 2).

Options:
  -f, --format <name>     text (default) or json (utilization unrounded; free space as NetBox's API lists it)
      --vrf <name>        tree: only this VRF; available: the prefix in this VRF
      --ips <n>           available: how many free addresses (default 1)
      --prefix-length <l> available: free child prefixes of this length instead of addresses
      --count <n>         with --prefix-length: how many (default 256)

Example:
  sot ipam tree inventory-example
  sot ipam available 10.1.10.0/24 inventory-example --ips 3
  sot ipam available 192.168.0.0/16 inventory-example --vrf MGMT --prefix-length 24 --count 2
`,
  init: `Usage: sot init [dir] [--force]
       sot init --editor [dir]

Creates a new inventory in dir (default: the current folder): sot.yaml, a sample region, site, rack and
device type, sot's JSON Schemas in .sot/schemas/ with the editor settings that use them (below), and
.github/workflows/sot.yml, which runs sot's GitHub Action on every pull request (for an inventory in
a folder of a larger repository, move it to the repository's .github/workflows and set path:).
Existing files are left alone unless --force is given.

Editor settings: "yaml.schemas" in .vscode/settings.json at the folder an editor opens — the git
repository's root, or the inventory's folder outside git — maps the schemas to the inventory's own
files, with paths from there, so the YAML language server (VS Code's YAML extension) completes fields
and flags mistakes as you type while other YAML keeps its own schemas. An existing settings file is
merged: only that key changes (comments and other settings stay); a file that is not JSON (comments
and trailing commas are fine) is refused and nothing is written. --force never replaces it.

Options:
      --editor   wire editors to the existing inventory in dir (it must hold sot.yaml): write the
                 schemas and merge the settings, nothing else; run it again after adding a top-level
                 folder to an inventory that is the repository's root
      --force    overwrite the sample files

Examples:
  sot init my-network && sot check my-network
  sot init --editor inventory
`,
  schema: `Usage: sot schema [--out <dir>]

Writes self-contained JSON Schemas (draft 2020-12) for editors: inventory.schema.json for data files,
device-type.schema.json, module-type.schema.json and rack-type.schema.json for the devicetype-library
folders, and settings.schema.json for sot.yaml. Default folder: .sot/schemas. They accept what sot
check accepts as YAML writes it (a number in a text field, yes/no in a true/false field, an empty
optional field); sot init --editor writes them and the editor settings that use them.

Example:
  sot schema --out .sot/schemas
`,
  trace: `Usage: sot trace <termination> [dir] [options]

Compiles the inventory dir is in (default: the current folder; see sot help) and follows the cable path
from a termination as NetBox traces it: across cables and wireless links, through front and rear ports
by their mappings (with positions on multi-position ports), across circuits from one side to the other,
to the far end — or to where it stops: not connected, no cable, an unmapped port, a split or a loop.
The path starts with every termination on the same end of the cable. An inventory with errors prints
them to stderr and exits 1 without a trace.

The termination is written as cable ends name it:
  <device>:<name>         an interface, console port, console server port, power port, power
                          outlet, front port or rear port (ams1-leaf1:Ethernet1)
  <circuit>:<A|Z>         a circuit termination (EXT-100234:A, or provider/cid:A)
  <power panel>:<feed>    a power feed (PP-A:R101-A, or site/panel:feed)

Options:
  -f, --format <name>     text (default): a line per cable, port mapping and circuit crossed, then
                          the far end; json: the path as data
      --kind <kind>       which termination a name means when several kinds share it: interface,
                          console-port, console-server-port, power-port, power-outlet, front-port,
                          rear-port, circuit-termination, power-feed

Exit codes: 0 traced (whatever the path's state), 1 the inventory has errors, 2 an unknown or
ambiguous termination, or a usage error.

Example:
  sot trace ams1-br1:et-0/0/3 inventory-example
`,
  build: `Usage: sot build [dir] [options]

Compiles the inventory dir is in (default: the current folder; see sot help) and writes its outputs
into a folder: every device's and virtual machine's configuration rendered from its config template, as
configs/<name>.<ext> (the template's file_extension, else txt; a name used at several sites as
configs/<site>/<name>.<ext>); every export template rendered over the objects of its object_types, as
exports/<file_name or name>.<file_extension or txt>; an Ansible inventory
(exports/ansible/inventory.yaml) and a Nornir SimpleInventory (exports/nornir/hosts.yaml, groups.yaml,
defaults.yaml) of every named device and virtual machine, grouped by site, role, platform and tag; the
whole model in NetBox's REST API shape, one JSON file per endpoint, under exports/netbox/; and
manifest.json with each file's size and sha256. The same inventory gives the same bytes, whatever its
file order or the platform. See docs/templates.md, docs/ansible-nornir.md and docs/export.md.

The folder is replaced as a whole and atomically: the build is written beside it and then takes
its place, so a failed build leaves the previous one untouched. Nothing is written when the
inventory has errors or a template cannot render (template/… rules). A folder that is not empty
and is not a sot build is never replaced; nor one that holds the inventory. A build folder inside
the inventory is not read as inventory by later runs.

Options:
  -o, --out <folder>      where to write (default: out)
      --force             build even when the inventory has errors, and write what rendered; the
                          exit code is still 1
  -q, --quiet             do not print warnings
      --timings           print the time of each step to stderr (also SOT_TIMINGS=1)

Exit codes: 0 built, 1 the inventory has errors or a template failed, 2 a usage or configuration
error (an output folder sot will not replace).

Examples:
  sot build inventory-example --out out
  sot build . --out build && ls build/configs
  sot build . --out build && ansible-inventory -i build/exports/ansible/inventory.yaml --graph
`,
  test: `Usage: sot test [dir] [options]

Compiles the inventory dir is in (default: the current folder; see sot help), renders every device's
and virtual machine's config as sot build would, and compares the outputs the inventory keeps under
.sot/expected/ (the same paths as in the build folder: .sot/expected/configs/ams1-leaf1.cfg) with what
renders now, byte for byte. Each difference is shown as a unified diff (expected against rendered). The
folder is hidden, so it is never read as inventory.

Options:
      --add <device>      keep the device's current render as expected (repeatable); the device by
                          name or <site>/<name>
      --update            replace every expected output that differs with the current render

Exit codes: 0 every expected output matches (or none is kept), 1 a difference, an expected output
with nothing rendered at its path, or inventory or template errors, 2 a usage error.

Examples:
  sot test inventory-example
  sot test . --add ams1-leaf1
  sot test . --update && git diff .sot/expected
`,
  context: `Usage: sot context <device> [dir] [options]

Compiles the inventory dir is in (default: the current folder; see sot help) and shows the config
context of a device or virtual machine as NetBox computes it: every active config context that matches
the object on each dimension it sets (regions and site groups with their ancestors, site, location,
device type, role, platform, cluster, tenant group, tenant, tags), merged by weight then name, the
object's own local_context_data last. An inventory with errors prints them to stderr and exits 1.

The device is named by its name, or <site>/<name> where the name repeats across sites.

Options:
  -f, --format <name>     json (default): the merged data, as config templates see it;
                          text: the contexts in merge order, then each value with the context (or
                          local_context_data) that set it

Exit codes: 0 shown, 1 the inventory has errors, 2 an unknown or ambiguous device, or a usage error.

Examples:
  sot context ams1-leaf1 inventory-example
  sot context ams1-leaf1 inventory-example --format text
`,
  diff: `Usage: sot diff <base> [<head>] [options]

Compiles the inventory as commit <base> holds it and as <head> holds it (default: the working tree,
as it is now), and shows what the change does, object by object, keyed by natural key:

  - objects created, updated (only the fields that change, before → after) and deleted, with the
    file:line of each side; an object whose key alone changed is a rename;
  - components that follow from a device type's change, folded into one entry with their count;
  - the rendered configs that change, as unified diffs, and how many devices they are (the blast
    radius). Devices whose config a change can reach are rendered: those whose template view leads
    to a changed object within three relations (device → interface → IP address → prefix),
    those whose template text changed and, when a config context changed, those whose merged context
    differs. --all-configs renders every device on both sides;
  - problems the head introduces, those it fixes, and how many were there before.

Commits are read from git (git ls-tree and one git cat-file --batch), never checked out: sot diff
changes neither the working tree, nor the index, nor what git status shows. The files the two sides
share are parsed once. A revision git cannot find, or a shallow clone that lacks it, exits with
code 2 (in GitHub Actions, check out with fetch-depth: 0).

Options:
  -C, --dir <folder>      a folder of the inventory (default: the current folder): the nearest
                          with a sot.yaml, itself or above, else the folder as given
  -f, --format <name>     pretty (default; colour on a terminal unless NO_COLOR is set), markdown
                          (for a pull request comment: a summary table and collapsible details,
                          capped in size), json (schema/diff.schema.json)
      --max-bytes <n>     markdown: the size the text must fit in (default 60000); detail is cut
                          first, with a note saying what was left out
      --all-configs       render every device's config on both sides
      --exit-code         exit 1 when the diff is not empty, as git diff --exit-code
      --timings           print the time of each step to stderr

Exit codes: 0 shown (1 with --exit-code and a change), 2 a usage error, an unknown revision, or an
error in sot.yaml.

Examples:
  sot diff main
  sot diff main feature --dir inventory
  sot diff origin/main HEAD --format markdown > comment.md
`,
  log: `Usage: sot log <kind> <key> [dir] [options]

Shows an object's history, as NetBox's change log does, from git: each commit that created,
changed, renamed or deleted it, newest first, with its author, date, subject and the fields that
changed (before → after). The history follows the branch's first parents (a merged pull request is
one entry) and follows the object through renames.

dir is a folder of the inventory (default: the current folder; see sot help).

<kind> is NetBox's name for it (dcim.device) or its model name (device, interface, ipaddress).
<key> is its natural key as sot diff writes it ("AMS1 / ams1-leaf1", "AMS1 / ams1-leaf1 / Ethernet1"), or
its last parts (ams1-leaf1, "ams1-leaf1 / Ethernet1") when one object has them.

Options:
  -f, --format <name>     pretty (default) or json
      --rev <rev>         read history from this commit back (default: HEAD)
  -n, --max-count <n>     read at most this many commits that changed the inventory (default 50)

Exit codes: 0 shown, 2 an unknown kind or object, an unknown revision, or a usage error.

Examples:
  sot log device ams1-leaf1 inventory-example
  sot log interface "ams1-leaf1 / Ethernet1" inventory-example --format json
`,
  help: `Usage: sot help [command]

Shows the help of a command, or the list of commands.
`,
};

export function commandHelp(name: string): string | undefined {
  // Own properties only: `sot help constructor` names no command.
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}
