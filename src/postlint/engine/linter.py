"""The engine: collect files, run the enabled rules, apply suppressions and severities.

Rules never see suppressions or severity overrides; a rule that raises becomes
one PL003 finding for that file and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Collection

from ..model import profiles
from ..model.config import Config, ConfigError
from ..model.context import ALL_DAYS, Context
from ..model.findings import SORT_KEY, Finding, Severity
from ..model.options import OptionError
from ..model.rule import Rule
from ..parse.files import UnreadableFile
from ..parse.paths import display_path  # noqa: F401 (also imported from here)
from ..site.collect import MARKDOWN_SUFFIXES, Collected, collect, excluded, relative_path  # noqa: F401 (collect, excluded: also imported from here)
from .registry import Registry, build_registry
from . import suppress
from .validate import finding_problem

if TYPE_CHECKING:  # pragma: no cover
    from ..parse.document import Post
    from ..site.index import Site

#: the rules that also run on pages that are not posts (section/list pages such as Hugo's `_index.md`,
#: docs pages beside a blog): file, syntax, link and image checks, never post-quality rules
PAGE_RULES = frozenset(
    """PL001 PL002 PL003 FM002 FM004 IMG001 IMG002 IMG005 IMG006 LNK001 LNK002 LNK003 LNK006 LNK007 LNK008
    LNK009 LNK010 HD001 HD003 HD004 HD005""".split()
)


@dataclass
class RunResult:
    findings: list[Finding]  # or a `FindingList`, when `run` was given a line format
    files: int
    path_errors: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    #: display path of every file linted (clean ones too), for per-file reporters.
    paths: list[str] = field(default_factory=list)
    #: display path -> the post's lines, for content fingerprints (GitLab, SARIF, baseline).
    sources: dict[str, list[str]] = field(default_factory=dict)
    #: things skipped inside folders (directories named *.md): printed as warnings.
    warnings: list[str] = field(default_factory=list)
    #: the site index the run built (its posts' `PostFacts`, the link graph: `site.linkgraph.graph_of`)
    site: "Site | None" = None
    #: every site index of the run: `site`, and with nested configs each other config's (their groups)
    sites: list["Site"] = field(default_factory=list)


# --- selection -------------------------------------------------------------------------


@dataclass
class Selection:
    rules: list[Rule]
    enabled: set[str]
    severity: dict[str, Severity]
    per_file: list[tuple[str, set[str]]]
    #: the rules a post (True) or another page (False) runs when no per-file ignore applies, listed once a run
    _by_kind: dict[bool, list[Rule]] = field(default_factory=dict, repr=False, compare=False)

    def rules_for(self, is_post: bool) -> list[Rule]:
        """The enabled rules for a post (`is_post`) or for another page (`PAGE_RULES` only), in order."""
        found = self._by_kind.get(is_post)
        if found is None:
            found = self._by_kind[is_post] = [r for r in self.rules if is_post or r.code in PAGE_RULES]
        return found


def select_rules(config: Config, registry: Registry, *, check_links: bool = False) -> Selection:
    """Resolve selectors, severities and option tables; unknown names are config errors."""
    label = str(config.source) if config.source else "command line"

    def resolve_all(selectors: list[str], what: str) -> set[str]:
        codes: set[str] = set()
        for selector in selectors:
            try:
                codes |= registry.resolve(selector)
            except KeyError:
                raise ConfigError(f"{label}: unknown rule code or name {selector!r} in {what}") from None
        return codes

    enabled = resolve_all(config.select + config.extend_select, "select") - resolve_all(config.ignore, "ignore")
    profile = profiles.get(config.profile)
    severity: dict[str, Severity] = {code: Severity.parse(level) for code, level in profile.severity.items()}
    for selector, level in config.severity.items():
        for code in resolve_all([selector], "severity"):
            severity[code] = Severity.parse(level)
    per_file = [(glob_, resolve_all(codes, f"per-file-ignores `{glob_}`")) for glob_, codes in config.per_file_ignores.items()]
    options: dict[str, dict[str, Any]] = {}
    for code, table in profile.options.items():  # checked like the user's tables: a profile is config too
        rule = registry.get(code)
        if rule is not None:
            options[rule.code] = checked_options(rule, table, f"profile `{profile.name}`")
    for key, table in config.rule_options.items():
        rule = registry.get(key)
        if rule is None:
            raise ConfigError(f"{label}: unknown key `{key}` (not a setting, rule code or rule name)")
        if not isinstance(table, dict):
            raise ConfigError(f"{label}: `{key}` must be a mapping of {rule.code} options")
        options.setdefault(rule.code, {}).update(checked_options(rule, table, label))
    rules: list[Rule] = []
    for rule_cls in registry:
        if rule_cls.code not in enabled or not rule_cls.implemented:
            continue
        if rule_cls.online and not check_links:
            continue
        rules.append(rule_cls(options.get(rule_cls.code)))
    return Selection(rules, {r.code for r in rules}, severity, per_file)


def checked_options(rule: type[Rule], table: dict[str, Any], label: str) -> dict[str, Any]:
    """A rule's option table checked against its declarations (values as the rule reads them);
    an unknown option or a wrong value is a one-line `ConfigError`."""
    declared = rule.declared_options()
    out: dict[str, Any] = {}
    for option, value in table.items():
        if option not in declared:
            allowed = ", ".join(declared) or "none"
            raise ConfigError(f"{label}: unknown option `{option}` for {rule.code} ({rule.name}); options: {allowed}")
        try:
            out[option] = declared[option].check(value)
        except OptionError as exc:
            raise ConfigError(f"{label}: option `{option}` of {rule.code} ({rule.name}) {exc}") from None
    return out


# --- linting ---------------------------------------------------------------------------


def _build_site(ctx: Context) -> "Site":
    from ..site.index import Site

    return Site.build(ctx)



class Linter:
    """Lints posts with one selection of rules; reusable across files of a run."""

    def __init__(
        self,
        config: Config,
        registry: Registry | None = None,
        *,
        check_links: bool = False,
        today: dt.date | None = None,
        link_checker: Callable[[Context], Any] | None = None,
    ) -> None:
        self.config = config
        self.registry = registry or build_registry(
            [config.resolve_path(p) for p in config.packs], config.plugins, config.root, no_plugins=config.no_plugins
        )
        self.selection = select_rules(config, self.registry, check_links=check_links)
        self.ctx = Context(config, today or dt.date.today(), check_links, site_factory=_build_site, link_checker=link_checker)
        self.ctx.pack_data = self.registry.data
        #: finds a post of the run by display path (for suppressions of cross-post findings)
        self.post_lookup: Callable[[str], Post | None] = lambda display: next(
            (p for p in self.ctx.run_posts if p.display_path == display), None
        )

    def resolve_selector(self, selector: str) -> set[str] | None:
        try:
            return self.registry.resolve(selector)
        except KeyError:
            return None

    def read(self, path: Path, display: str) -> Post | Finding:
        from ..parse.document import Post

        try:
            return Post.from_path(path, display)
        except UnreadableFile as exc:
            return self._pl002(display, str(exc))

    def _pl002(self, display: str, message: str) -> Finding:
        rule = self.registry.get("PL002")
        severity = self.selection.severity.get("PL002", Severity.ERROR)
        return Finding(display, 1, 1, "PL002", 1, 1, rule.name if rule else "file-unreadable", severity, f"cannot read file: {message}")

    def lint_post(self, post: Post) -> list[Finding]:
        raw: list[Finding] = []
        self.check(self.rules_for(post), post, len(post.lines), raw)
        return self.finish(post, raw)

    def rules_for(self, post: Post) -> list[Rule]:
        """The rules that run on `post` (given its generator's conventions, which this sets):
        page rules only on a page that is not a post, none that `per-file-ignores` turns off."""
        from ..model.generators import classify

        classify(post, self.config.site, self.config.site_folder)
        rules = self.selection.rules_for(post.is_post)  # shared: callers make new lists
        if self.selection.per_file:
            rules = [r for r in rules if not self._ignored_for_path(r.code, post)]
        return rules

    def check(
        self, rules: list[Rule], post: Post, lines: int, out: list[Finding], wait: tuple[type[BaseException], ...] = ()
    ) -> list[Rule]:
        """Each rule's findings on `post` (which has `lines` lines) appended to `out`: a malformed
        finding or a crash becomes one PL003, and the rule stops on this post. A rule that raises
        one of `wait` (`engine.twostep`: it needs what is not at hand yet) leaves no finding and
        is returned, to be run again later. What they find holds on `ctx.days` afterwards (reset
        here: the days of this post's rules alone)."""
        path, ctx = post.display_path, self.ctx
        ctx.days = ALL_DAYS
        stopped: list[Rule] = []
        for rule in rules:
            mark = len(out)
            try:
                for finding in rule.check(post, ctx):
                    problem = finding_problem(finding, rule.code, path, lines)
                    if problem is not None:
                        out.append(self._pl003(path, rule, problem))
                        break
                    out.append(finding)
            except wait:
                del out[mark:]
                stopped.append(rule)
            except Exception as exc:  # a broken rule is one finding, not a crashed run
                out.append(self._crash(path, rule, exc))
        return stopped

    def finish(self, post: Post, raw: list[Finding], suppressions: "suppress.Suppressions | None" = None) -> list[Finding]:
        """Suppressions, PL001 and severity overrides for one post's findings, in file order
        (`suppressions`: the post's, when the caller has parsed them)."""
        if suppressions is None:
            suppressions = suppress.parse(post, self.resolve_selector)
        kept = suppressions.apply(raw)
        # PL001 reports directives only: a post without any (most) needs no rule made for it
        if (suppressions.directives or suppressions.malformed) and "PL001" in self.selection.enabled and not self._ignored_for_path("PL001", post):
            pl001 = self.registry.get("PL001")
            assert pl001 is not None
            rule = pl001()
            kept += suppress.unused_findings(
                post, suppressions, self.selection.enabled, lambda line, col, msg: rule.report(post, line, col, msg)
            )
        out = [self._with_severity(f) for f in kept]
        out.sort(key=SORT_KEY)  # in file order: a run's sort then merges sorted runs (cached ones too)
        return out

    def lint_against(self, post: Post, site: Site) -> list[Finding]:
        """One post's findings, its cross-post ones included, against a site index the caller
        keeps between runs (an editor's buffer against the other posts); in file order."""
        self.ctx.run_posts = [post]
        self.ctx._site = site
        self.ctx.memo = {}
        findings = self.lint_post(post) + [f for f in self.lint_site() if f.path == post.display_path]
        findings.sort(key=SORT_KEY)
        return findings

    def lint_site(self, skip: Collection[str] = ()) -> list[Finding]:
        """The cross-post rules' findings (but those of the rules whose codes are in `skip`); they
        hold on `ctx.days` afterwards (reset here)."""
        out: list[Finding] = []
        self.ctx.days = ALL_DAYS
        for rule in self.selection.rules:
            if rule.scope != "site" or rule.code in skip:
                continue
            try:
                for finding in rule.check_site(self.ctx):  # on any post of the site: its lines are not at hand
                    problem = finding_problem(finding, rule.code, None, None)
                    if problem is not None:
                        out.append(self._pl003(".", rule, problem))
                        break
                    out.append(finding)
            except Exception as exc:
                out.append(self._crash(".", rule, exc))
        return [self._with_severity(f) for f in out if not self._ignored_by_display(f)]

    def _ignored_by_display(self, finding: Finding) -> bool:
        for pattern, codes in self.selection.per_file:
            if finding.code in codes and fnmatch.fnmatch(finding.path, pattern):
                return True
        post = self.post_lookup(finding.path)
        if post is not None:
            suppressions = suppress.parse(post, self.resolve_selector)
            return not suppressions.apply([finding])
        return False

    def _ignored_for_path(self, code: str, post: Post) -> bool:
        if not self.selection.per_file:
            return False
        rel = relative_path(post.path, self.config.root)
        for pattern, codes in self.selection.per_file:
            if code in codes and (fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(post.display_path, pattern)):
                return True
        return False

    def _with_severity(self, finding: Finding) -> Finding:
        level = self.selection.severity.get(finding.code)
        return replace(finding, severity=level) if level is not None and level != finding.severity else finding

    def _crash(self, path: str, rule: Rule, exc: Exception) -> Finding:
        return self._pl003(path, rule, f"crashed: {type(exc).__name__}: {exc}")

    def _pl003(self, path: str, rule: Rule, problem: str) -> Finding:
        return Finding(path, 1, 1, "PL003", 1, 1, "rule-crashed", Severity.ERROR, f"rule {rule.code} ({rule.name}) {problem}")
