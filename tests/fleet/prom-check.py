#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Check files in the Prometheus text exposition format (version 0.0.4),
and the naming conventions netanom follows.

Usage: prom-check.py FILE...      one TAP line per file ("ok prom: FILE")
       prom-check.py --self-test  known-bad inputs must each be rejected,
                                  a known-good one accepted

Format: "# HELP name text" and "# TYPE name type" at most once per family,
before its samples; samples "name{label="value",...} value [timestamp]"
with valid names, escapes (\\\\, \\", \\n only) and values; a family's
samples together; no sample twice; a final newline.
Conventions: every family has HELP and TYPE; names start with "netanom_";
counters, and only counters, end in "_total"; units are base units
(seconds, bytes), never ms, minutes, kilobytes and the like.
"""
import re
import sys

NAME = r'[a-zA-Z_:][a-zA-Z0-9_:]*'
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*'
VALUE = r'[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN'
SAMPLE = re.compile(r'^(%s)(\{(.*)\})? (%s)( -?\d+)?$' % (NAME, VALUE))
LABEL_PAIR = re.compile(r'(%s)="((?:[^"\\\n]|\\[\\"n])*)"' % LABEL)
TYPES = {'counter', 'gauge', 'histogram', 'summary', 'untyped'}
BAD_UNITS = ('_ms', '_milliseconds', '_microseconds', '_nanoseconds',
             '_minutes', '_hours', '_days', '_kilobytes', '_megabytes',
             '_kb', '_mb', '_percent')
SUFFIXES = ('_bucket', '_sum', '_count')


def parse_labels(text):
    """Label pairs of '{...}' contents, or raise ValueError."""
    pairs, pos = [], 0
    while pos < len(text):
        m = LABEL_PAIR.match(text, pos)
        if not m:
            raise ValueError('bad label pair at "%s"' % text[pos:])
        pairs.append((m.group(1), m.group(2)))
        pos = m.end()
        if pos < len(text):
            if text[pos] != ',':
                raise ValueError('expected "," at "%s"' % text[pos:])
            pos += 1
    names = [p[0] for p in pairs]
    if len(set(names)) != len(names):
        raise ValueError('label given twice')
    return tuple(sorted(pairs))


def family_of(name, types):
    if name in types:
        return name
    for s in SUFFIXES:
        if name.endswith(s) and name[:-len(s)] in types and \
           types[name[:-len(s)]] in ('histogram', 'summary'):
            return name[:-len(s)]
    return name


def problems(text):
    """What is wrong with @text, as a list of strings."""
    why = []
    if text and not text.endswith('\n'):
        why.append('no newline at the end')
    helps, types, done, seen = {}, {}, set(), set()
    current = None
    for n, line in enumerate(text.split('\n')[:-1] if text.endswith('\n')
                             else text.split('\n'), 1):
        where = 'line %d' % n
        if line.startswith('#'):
            parts = line.split(' ', 3)
            if len(parts) >= 2 and parts[1] in ('HELP', 'TYPE'):
                if len(parts) < 4 or not re.fullmatch(NAME, parts[2]):
                    why.append('%s: malformed # %s' % (where, parts[1]))
                    continue
                name = parts[2]
                table = helps if parts[1] == 'HELP' else types
                if name in table:
                    why.append('%s: second # %s for %s' % (where, parts[1], name))
                if name in seen:
                    why.append('%s: # %s for %s after its samples' % (where, parts[1], name))
                if parts[1] == 'TYPE' and parts[3] not in TYPES:
                    why.append('%s: unknown type %s' % (where, parts[3]))
                table[name] = parts[3]
                if current != name and current is not None:
                    done.add(current)
                current = name
            continue
        if not line.strip():
            continue
        m = SAMPLE.match(line)
        if not m:
            why.append('%s: not a sample: %r' % (where, line))
            continue
        try:
            labels = parse_labels(m.group(3) or '')
        except ValueError as e:
            why.append('%s: %s' % (where, e))
            continue
        fam = family_of(m.group(1), types)
        if fam in done:
            why.append('%s: samples of %s are not together' % (where, fam))
        if current != fam and current is not None:
            done.add(current)
        current = fam
        key = (m.group(1), labels)
        if key in seen:
            why.append('%s: %s given twice' % (where, m.group(1)))
        seen.add(key)
        seen.add(fam)
    for fam in sorted({k for k in seen if isinstance(k, str)}):
        why.extend(conventions(fam, helps, types))
    return why


def conventions(fam, helps, types):
    why = []
    if fam not in helps:
        why.append('%s: no # HELP' % fam)
    if fam not in types:
        why.append('%s: no # TYPE' % fam)
    if not fam.startswith('netanom_'):
        why.append('%s: does not start with netanom_' % fam)
    if types.get(fam) == 'counter' and not fam.endswith('_total'):
        why.append('%s: a counter whose name does not end in _total' % fam)
    if types.get(fam) != 'counter' and fam.endswith('_total'):
        why.append('%s: ends in _total but is not a counter' % fam)
    for unit in BAD_UNITS:
        if unit + '_' in fam + '_':
            why.append('%s: %s is not a base unit' % (fam, unit[1:]))
    return why


GOOD = ('# HELP netanom_x_total Things.\n# TYPE netanom_x_total counter\n'
        'netanom_x_total{rule="a \\"b\\" \\\\ c\\nd"} 3\n'
        '# HELP netanom_y_seconds Time.\n# TYPE netanom_y_seconds gauge\n'
        'netanom_y_seconds 0.5\n')
BAD = {
    'no TYPE': '# HELP netanom_a A.\nnetanom_a 1\n',
    'no HELP': '# TYPE netanom_a gauge\nnetanom_a 1\n',
    'counter without _total': '# HELP netanom_a A.\n# TYPE netanom_a counter\nnetanom_a 1\n',
    'gauge with _total': '# HELP netanom_a_total A.\n# TYPE netanom_a_total gauge\nnetanom_a_total 1\n',
    'no prefix': '# HELP up A.\n# TYPE up gauge\nup 1\n',
    'milliseconds': '# HELP netanom_t_milliseconds A.\n# TYPE netanom_t_milliseconds gauge\nnetanom_t_milliseconds 1\n',
    'bad value': '# HELP netanom_a A.\n# TYPE netanom_a gauge\nnetanom_a one\n',
    'bad name': '# HELP netanom_a A.\n# TYPE netanom_a gauge\nnetanom-a 1\n',
    'bad escape': '# HELP netanom_a A.\n# TYPE netanom_a gauge\nnetanom_a{l="\\t"} 1\n',
    'unquoted label': '# HELP netanom_a A.\n# TYPE netanom_a gauge\nnetanom_a{l=x} 1\n',
    'sample twice': '# HELP netanom_a A.\n# TYPE netanom_a gauge\nnetanom_a 1\nnetanom_a 2\n',
    'TYPE twice': '# HELP netanom_a A.\n# TYPE netanom_a gauge\n# TYPE netanom_a gauge\nnetanom_a 1\n',
    'TYPE after samples': '# HELP netanom_a A.\nnetanom_a 1\n# TYPE netanom_a gauge\n',
    'family split': ('# HELP netanom_a A.\n# TYPE netanom_a gauge\nnetanom_a{x="1"} 1\n'
                     '# HELP netanom_b B.\n# TYPE netanom_b gauge\nnetanom_b 1\n'
                     'netanom_a{x="2"} 1\n'),
    'unknown type': '# HELP netanom_a A.\n# TYPE netanom_a number\nnetanom_a 1\n',
    'no final newline': '# HELP netanom_a A.\n# TYPE netanom_a gauge\nnetanom_a 1',
}


def self_test():
    fails = 0
    why = problems(GOOD)
    print(('ok' if not why else 'not ok') + ' prom: self-test: a good file passes'
          + ('' if not why else ': ' + '; '.join(why)))
    fails += bool(why)
    for what, text in BAD.items():
        rejected = bool(problems(text))
        print(('ok' if rejected else 'not ok') +
              ' prom: self-test: rejects ' + what)
        fails += not rejected
    return fails


def main(args):
    if args == ['--self-test']:
        return 1 if self_test() else 0
    fails = 0
    for path in args:
        with open(path, encoding='utf-8') as f:
            why = problems(f.read())
        name = path.rsplit('/', 1)[-1]
        print(('ok prom: %s' % name) if not why else
              'not ok prom: %s: %s' % (name, '; '.join(why)))
        fails += bool(why)
    return 1 if fails or not args else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
