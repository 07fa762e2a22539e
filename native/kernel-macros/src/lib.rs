//! `#[tandem_kernel::kernel("area.operation")]`: keeps the function and adds its C ABI export
//! and its manifest entry (see the tandem-kernel crate for the types and the ABI).

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{parse_macro_input, Expr, FnArg, ItemFn, Lit, LitStr, Meta, Pat, ReturnType, Type};

#[proc_macro_attribute]
pub fn kernel(attribute: TokenStream, item: TokenStream) -> TokenStream {
    let name = parse_macro_input!(attribute as LitStr);
    let function = parse_macro_input!(item as ItemFn);
    match expand(&name, &function) {
        Ok(tokens) => tokens.into(),
        Err(error) => {
            let error = error.to_compile_error();
            quote!(#function #error).into()
        }
    }
}

/// `area.operation`: lowercase words of letters, digits and underscores, joined by dots.
fn check_name(name: &LitStr) -> syn::Result<String> {
    let text = name.value();
    let word = |part: &str| {
        part.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() < 2 || !parts.iter().all(|part| word(part)) {
        return Err(syn::Error::new(
            name.span(),
            format!("kernel name '{text}' is not area.operation (lowercase words joined by dots, e.g. \"myapp.score\")"),
        ));
    }
    Ok(text)
}

fn expand(name: &LitStr, function: &ItemFn) -> syn::Result<proc_macro2::TokenStream> {
    let text = check_name(name)?;
    let signature = &function.sig;
    if let Some(generics) = signature.generics.params.first() {
        return Err(syn::Error::new(generics.span(), "a kernel function cannot be generic"));
    }
    if let Some(asyncness) = signature.asyncness {
        return Err(syn::Error::new(asyncness.span(), "a kernel function cannot be async"));
    }
    let mut types = Vec::new();
    let mut parameters = Vec::new();
    for input in &signature.inputs {
        match input {
            FnArg::Typed(argument) => {
                types.push(without_lifetimes(&argument.ty));
                parameters.push(parameter_name(&argument.pat, parameters.len() + 1));
            }
            FnArg::Receiver(receiver) => {
                return Err(syn::Error::new(
                    receiver.span(),
                    "a kernel is a free function, it cannot take self",
                ))
            }
        }
    }
    let result: Type = match &signature.output {
        ReturnType::Default => syn::parse_quote!(()),
        ReturnType::Type(_, ty) => (**ty).clone(),
    };
    let function_name = &signature.ident;
    let symbol = text.replace('.', "_");
    let export = format_ident!("__tandem_kernel_{}", function_name);
    let arity = types.len();
    let arguments: Vec<_> = types
        .iter()
        .enumerate()
        .map(|(index, ty)| {
            let position = index + 1;
            // Spanned on the type, so that an unsupported one is reported where it is written.
            quote_spanned!(ty.span()=> <#ty as ::tandem_kernel::FromArg>::from_arg(&args[#index], #position)?)
        })
        .collect();
    let argument_names: Vec<_> = types
        .iter()
        .map(|ty| quote_spanned!(ty.span()=> <#ty as ::tandem_kernel::FromArg>::type_name()))
        .collect();
    let result_call =
        quote_spanned!(result.span()=> <#result as ::tandem_kernel::IntoResult>::into_result);
    let result_name =
        quote_spanned!(result.span()=> <#result as ::tandem_kernel::IntoResult>::type_name);
    let doc = doc_comment(function);
    Ok(quote! {
        #function

        #[doc(hidden)]
        #[export_name = #symbol]
        pub unsafe extern "C" fn #export(
            args: *const ::tandem_kernel::abi::TandemArg,
            count: usize,
            out: *mut ::tandem_kernel::abi::TandemOut,
        ) -> i32 {
            // SAFETY: the host passes what the ABI asks (tandem_kernel::abi); `call` checks the
            // pointers and the count before `args` is read.
            unsafe {
                ::tandem_kernel::call(#text, args, count, #arity, out, |args| {
                    #result_call(#function_name(#(#arguments),*))
                })
            }
        }

        ::tandem_kernel::inventory::submit! {
            ::tandem_kernel::KernelInfo {
                name: #text,
                symbol: #symbol,
                doc: #doc,
                parameters: &[#(#parameters),*],
                arguments: || ::std::vec![#(#argument_names),*],
                result: || #result_name(),
            }
        }
    })
}

/// The parameter's name for stubs and messages: its identifier (without a leading `_`), or
/// `argN` for a pattern such as `(a, b): (i64, i64)`.
fn parameter_name(pattern: &Pat, position: usize) -> String {
    match pattern {
        Pat::Ident(binding) => {
            let name = binding.ident.to_string();
            match name.trim_start_matches('_') {
                "" => format!("arg{position}"),
                trimmed => trimmed.to_owned(),
            }
        }
        _ => format!("arg{position}"),
    }
}

/// `ty` with its named lifetimes made elided (`&'a str` -> `&str`), for use in the body.
fn without_lifetimes(ty: &Type) -> Type {
    struct Elide;
    impl syn::visit_mut::VisitMut for Elide {
        fn visit_lifetime_mut(&mut self, lifetime: &mut syn::Lifetime) {
            *lifetime = syn::Lifetime::new("'_", Span::call_site());
        }
    }
    let mut ty = ty.clone();
    syn::visit_mut::VisitMut::visit_type_mut(&mut Elide, &mut ty);
    ty
}

/// The function's `///` lines, joined, each without its one leading space.
fn doc_comment(function: &ItemFn) -> String {
    let mut lines = Vec::new();
    for attribute in &function.attrs {
        if let Meta::NameValue(pair) = &attribute.meta {
            if pair.path.is_ident("doc") {
                if let Expr::Lit(literal) = &pair.value {
                    if let Lit::Str(text) = &literal.lit {
                        let line = text.value();
                        lines.push(line.strip_prefix(' ').unwrap_or(&line).to_owned());
                    }
                }
            }
        }
    }
    lines.join("\n").trim().to_owned()
}
