"""A TOML writer for experiment dictionaries (Experiment.from_dict, pynn.export_experiment).

Only what experiment files use: tables, arrays of tables, and inline values (strings, booleans,
integers, floats, arrays of them, nested arrays). Floats are written with repr(), the shortest
text that reads back to the same double, so a dictionary and the file it becomes describe the
same experiment bit for bit.
"""

import math
import numbers

__all__ = ["dumps"]


def _key(k):
    k = str(k)
    if k and all(c.isalnum() or c in "_-" for c in k):
        return k
    return _string(k)


def _string(s):
    out = ['"']
    for c in s:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append("\\u%04x" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def _value(v, where):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, numbers.Real):
        x = float(v)
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        text = repr(x)
        return text if any(c in text for c in ".eEn") else text + ".0"
    if isinstance(v, str):
        return _string(v)
    if hasattr(v, "tolist"):  # NumPy arrays and scalars
        return _value(v.tolist(), where)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x, where) for x in v) + "]"
    raise TypeError("%s: cannot write a %s to TOML" % (where, type(v).__name__))


def _is_table_array(v):
    return isinstance(v, (list, tuple)) and len(v) > 0 and all(isinstance(x, dict) for x in v)


def _table(d, path, out):
    scalars, tables, arrays = [], [], []
    for k, v in d.items():
        if v is None:
            continue  # an absent key takes its default
        if isinstance(v, dict):
            tables.append((k, v))
        elif _is_table_array(v):
            arrays.append((k, v))
        else:
            scalars.append((k, v))
    for k, v in scalars:
        out.append("%s = %s" % (_key(k), _value(v, ".".join(path + [str(k)]))))
    for k, v in tables:
        p = path + [_key(k)]
        out.append("")
        out.append("[%s]" % ".".join(p))
        _table(v, p, out)
    for k, items in arrays:
        p = path + [_key(k)]
        for item in items:
            out.append("")
            out.append("[[%s]]" % ".".join(p))
            _table(item, p, out)


def dumps(d, header=None):
    """The TOML text of dictionary `d`, with an optional comment `header` on top."""
    if not isinstance(d, dict):
        raise TypeError("an experiment is a dict of TOML tables, not a %s" % type(d).__name__)
    out = []
    if header:
        out.extend("# " + line if line else "#" for line in header.splitlines())
    _table(d, [], out)
    return "\n".join(out).lstrip("\n") + "\n"
