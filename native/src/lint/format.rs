//! The string-formatting rules (`python/tandem/lint/_format.py`): `'...' % args` (F501-F509)
//! and `'...'.format(...)` (F521-F525), checked when the format is a literal and the
//! arguments are visible.

use super::scope::Analyzer;
use ruff_python_ast::{Expr, ExprBinOp, ExprCall};
use ruff_text_size::Ranged;
use std::collections::BTreeSet;

const CONVERSIONS: &str = "diouxXeEfFgGcrsa%";
const FLAGS: &str = "#0- +";

/// (key, conversion, stars) for each placeholder; Err with the reason when malformed.
fn parse_percent(text: &str) -> Result<Vec<(Option<String>, char, usize)>, &'static str> {
    let chars: Vec<char> = text.chars().collect();
    let end = chars.len();
    let mut placeholders = Vec::new();
    let mut index = 0;
    loop {
        let Some(found) = chars[index..].iter().position(|&c| c == '%') else {
            return Ok(placeholders);
        };
        index += found + 1;
        let mut key = None;
        if index < end && chars[index] == '(' {
            let (mut depth, start) = (1, index + 1);
            while depth > 0 && index + 1 < end {
                index += 1;
                match chars[index] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
            }
            if depth > 0 {
                return Err("incomplete format key");
            }
            key = Some(chars[start..index].iter().collect());
            index += 1;
        }
        while index < end && FLAGS.contains(chars[index]) {
            index += 1;
        }
        let mut star = 0;
        if index < end && chars[index] == '*' {
            star = 1;
            index += 1;
        }
        while index < end && chars[index].is_ascii_digit() {
            index += 1;
        }
        if index < end && chars[index] == '.' {
            index += 1;
            if index < end && chars[index] == '*' {
                star += 1;
                index += 1;
            }
            while index < end && chars[index].is_ascii_digit() {
                index += 1;
            }
        }
        while index < end && "hlL".contains(chars[index]) {
            index += 1;
        }
        if index >= end {
            return Err("incomplete format");
        }
        placeholders.push((key, chars[index], star));
        index += 1;
    }
}

fn is_str(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::StringLiteral(s) => Some(s.value.to_str()),
        _ => None,
    }
}

impl<'a> Analyzer<'a> {
    pub(super) fn check_percent_format(&mut self, node: &'a ExprBinOp) {
        let Some(text) = is_str(&node.left) else { return };
        let span = self.source.span(node.range());
        let placeholders = match parse_percent(text) {
            Ok(found) => found,
            Err(reason) => {
                self.report.add(
                    "F501",
                    format!("`%`-format string has invalid format string: {reason}"),
                    span,
                );
                return;
            }
        };
        let (mut named, mut positional, mut star) = (BTreeSet::new(), 0usize, false);
        for (key, conversion, uses_star) in placeholders {
            if conversion == '%' && key.is_none() {
                continue;
            }
            if !CONVERSIONS.contains(conversion) {
                let message =
                    format!("`%`-format string has unsupported format character `{conversion}`");
                self.report.add("F509", message, span);
                return;
            }
            star = star || uses_star > 0;
            match key {
                None => positional += 1 + uses_star,
                Some(key) => {
                    named.insert(key);
                }
            }
        }
        if positional > 0 && !named.is_empty() {
            self.report.add(
                "F506",
                "`%`-format string has mixed positional and named placeholders".into(),
                span,
            );
            return;
        }
        let right = &*node.right;
        let is_mapping = matches!(right, Expr::Dict(_) | Expr::DictComp(_));
        if !named.is_empty()
            && matches!(
                right,
                Expr::List(_)
                    | Expr::Tuple(_)
                    | Expr::Set(_)
                    | Expr::ListComp(_)
                    | Expr::SetComp(_)
                    | Expr::Generator(_)
            )
        {
            self.report.add("F502", "`%`-format expected mapping but got sequence".into(), span);
        } else if positional > 0 && is_mapping {
            self.report.add("F503", "`%`-format expected sequence but got mapping".into(), span);
        }
        if !named.is_empty() && star {
            self.report.add(
                "F508",
                "`%`-format string `*` specifier requires sequence".into(),
                span,
            );
        }
        let substitutions = match right {
            Expr::Tuple(t) if !t.elts.iter().any(|e| matches!(e, Expr::Starred(_))) => {
                Some(t.elts.len())
            }
            _ if positional == 0 && !is_mapping => Some(1), // no placeholder at all, yet something to substitute
            _ => None,
        };
        if let Some(substitutions) = substitutions {
            if named.is_empty() && positional != substitutions {
                let message =
                    format!("`%`-format string has {positional} placeholder(s) but {substitutions} substitution(s)");
                self.report.add("F507", message, span);
            }
        }
        if let Expr::Dict(dict) = right {
            if !named.is_empty() && dict.items.iter().all(|item| item.key.is_some()) {
                let keys: BTreeSet<String> = dict
                    .items
                    .iter()
                    .filter_map(|item| is_str(item.key.as_ref()?).map(str::to_string))
                    .collect();
                if keys.len() == dict.items.len() {
                    let unused: Vec<&str> = keys.difference(&named).map(String::as_str).collect();
                    let missing: Vec<&str> = named.difference(&keys).map(String::as_str).collect();
                    if !unused.is_empty() {
                        let message = format!(
                            "`%`-format string has unused named argument(s): {}",
                            unused.join(", ")
                        );
                        self.report.add("F504", message, span);
                    }
                    if !missing.is_empty() {
                        let message = format!(
                            "`%`-format string is missing argument(s) for placeholder(s): {}",
                            missing.join(", ")
                        );
                        self.report.add("F505", message, span);
                    }
                }
            }
        }
    }

    pub(super) fn check_format_call(&mut self, node: &'a ExprCall) {
        let Expr::Attribute(func) = &*node.func else { return };
        if func.attr.as_str() != "format" {
            return;
        }
        let Some(text) = is_str(&func.value) else { return };
        let span = self.source.span(node.range());
        let mut fields = Vec::new();
        if let Err(reason) = format_fields(text, 0, &mut fields) {
            self.report.add(
                "F521",
                format!("`.format` call has invalid format string: {reason}"),
                span,
            );
            return;
        }
        let is_digits = |f: &str| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit());
        let automatic = fields.iter().filter(|f| f.is_empty()).count();
        let manual: BTreeSet<u64> =
            fields.iter().filter(|f| is_digits(f)).map(|f| f.parse().unwrap_or(u64::MAX)).collect();
        let names: BTreeSet<&str> =
            fields.iter().filter(|f| !f.is_empty() && !is_digits(f)).map(String::as_str).collect();
        if automatic > 0 && !manual.is_empty() {
            self.report.add(
                "F525",
                "`.format` string mixes automatic and manual numbering".into(),
                span,
            );
            return;
        }
        let used: BTreeSet<u64> = (0..automatic as u64).chain(manual.iter().copied()).collect();
        let (args, keywords) = (&node.arguments.args, &node.arguments.keywords);
        let count = args.len() as u64;
        let mut missing_positions = Vec::new();
        if !args.iter().any(|a| matches!(a, Expr::Starred(_))) {
            let unused: Vec<String> =
                (0..count).filter(|i| !used.contains(i)).map(|i| i.to_string()).collect();
            if !unused.is_empty() {
                let message = format!(
                    "`.format` call has unused arguments at position(s): {}",
                    unused.join(", ")
                );
                self.report.add("F523", message, span);
            }
            missing_positions =
                used.iter().filter(|&&i| i >= count).map(|i| i.to_string()).collect();
        }
        if keywords.iter().all(|k| k.arg.is_some()) {
            let keywords: BTreeSet<&str> =
                keywords.iter().filter_map(|k| k.arg.as_ref().map(|a| a.as_str())).collect();
            let unused: Vec<&str> = keywords.difference(&names).copied().collect();
            if !unused.is_empty() {
                let message =
                    format!("`.format` call has unused named argument(s): {}", unused.join(", "));
                self.report.add("F522", message, span);
            }
            let mut missing = missing_positions;
            missing.extend(names.difference(&keywords).map(|s| s.to_string()));
            if !missing.is_empty() {
                let message = format!(
                    "`.format` call is missing argument(s) for placeholder(s): {}",
                    missing.join(", ")
                );
                self.report.add("F524", message, span);
            }
        }
    }
}

/// The field names of a str.format template, nested specs included (Python's
/// `string.Formatter().parse`, the reference's `_format_fields`).
fn format_fields(text: &str, depth: usize, fields: &mut Vec<String>) -> Result<(), &'static str> {
    for (name, spec) in formatter_parse(text)? {
        let head = name.split('.').next().unwrap_or("").split('[').next().unwrap_or("").to_string();
        fields.push(head);
        if !spec.is_empty() && depth < 2 {
            format_fields(&spec, depth + 1, fields)?;
        }
    }
    Ok(())
}

/// (field name, format spec) of each replacement field, with CPython's errors
/// (`Objects/stringlib/unicode_format.h`: MarkupIterator_next, parse_field), as the
/// reference's `_replacement_fields`.
fn formatter_parse(text: &str) -> Result<Vec<(String, String)>, &'static str> {
    let s: Vec<char> = text.chars().collect();
    let end = s.len();
    let mut start = 0;
    let mut out = Vec::new();
    while start < end {
        let mut brace = None;
        while start < end {
            start += 1;
            if matches!(s[start - 1], '{' | '}') {
                brace = Some(s[start - 1]);
                break;
            }
        }
        let at_end = start >= end;
        match brace {
            Some('}') if at_end || s[start] != '}' => {
                return Err("Single '}' encountered in format string")
            }
            Some('{') if at_end => return Err("Single '{' encountered in format string"),
            None => continue,
            Some(c) if s[start] == c => start += 1, // an escaped brace
            Some(_) => {
                let (field, next) = parse_field(&s, start)?;
                out.push(field);
                start = next;
            }
        }
    }
    Ok(out)
}

/// The field that starts at `start` (after its `{`): ((name, spec), where it ends).
fn parse_field(s: &[char], mut start: usize) -> Result<((String, String), usize), &'static str> {
    let (end, name_start) = (s.len(), start);
    let mut c = '\0';
    while start < end {
        c = s[start];
        start += 1;
        match c {
            '{' => return Err("unexpected '{' in field name"),
            '[' => {
                while start < end && s[start] != ']' {
                    start += 1;
                }
            }
            '}' | ':' | '!' => break,
            _ => {}
        }
    }
    let name: String = s[name_start..start.saturating_sub(1).max(name_start)].iter().collect();
    if c != '!' && c != ':' {
        if c != '}' {
            return Err("expected '}' before end of string");
        }
        return Ok(((name, String::new()), start));
    }
    if c == '!' {
        if start >= end {
            return Err("end of string while looking for conversion specifier");
        }
        start += 1; // the conversion character
        if start < end {
            start += 1;
            if s[start - 1] == '}' {
                return Ok(((name, String::new()), start));
            }
            if s[start - 1] != ':' {
                return Err("expected ':' after conversion specifier");
            }
        }
    }
    let (spec_start, mut count) = (start, 1);
    while start < end {
        start += 1;
        match s[start - 1] {
            '{' => count += 1,
            '}' => count -= 1,
            _ => {}
        }
        if count == 0 {
            return Ok(((name, s[spec_start..start - 1].iter().collect()), start));
        }
    }
    Err("unmatched '{' in format spec")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_fields_like_python() {
        let fields = |t: &str| {
            let mut f = Vec::new();
            format_fields(t, 0, &mut f).map(|_| f)
        };
        assert_eq!(fields("{} {a.b} {0[x]:>{w}} {{}}").unwrap(), vec!["", "a", "0", "w"]);
        assert_eq!(fields("{"), Err("Single '{' encountered in format string"));
        assert_eq!(fields("}"), Err("Single '}' encountered in format string"));
        assert_eq!(fields("{a"), Err("expected '}' before end of string"));
        assert_eq!(fields("{a!r}").unwrap(), vec!["a"]);
        assert_eq!(fields("{a!rx}"), Err("expected ':' after conversion specifier"));
        assert_eq!(fields("0{ar]a {0]"), Err("unexpected '{' in field name"));
        assert_eq!(fields("{! ...a"), Err("expected ':' after conversion specifier"));
        assert_eq!(fields("{b:.0]"), Err("unmatched '{' in format spec"));
        assert_eq!(fields("{a!r}}}{b:{c}}").unwrap(), vec!["a", "b", "c"]);
    }

    #[test]
    fn percent_placeholders() {
        assert_eq!(parse_percent("%(a)s %*.*d %%").unwrap().len(), 3);
        assert_eq!(parse_percent("%(a"), Err("incomplete format key"));
        assert_eq!(parse_percent("abc %"), Err("incomplete format"));
    }
}
