"""The interactive docs page at ``/docs``: every endpoint with a form, from the OpenAPI document.

One self-contained HTML page with a few lines of inline script: it loads nothing from the
internet, so that it works on an office network cut off from it.
"""

from __future__ import annotations

import functools
import html
from typing import Any

from competency.serve.openapi import openapi_document

__all__ = ["docs_page"]

_STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
section{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
code,textarea,pre{font-family:ui-monospace,monospace}textarea{width:100%;height:8rem}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:30rem}
label{display:inline-block;margin:.2rem 1rem .2rem 0}.m{font-weight:bold;color:#064}"""

_SCRIPT = """async function send(form){
 const out=form.querySelector('pre'),q=new URLSearchParams();let path=form.dataset.path;
 for(const i of form.querySelectorAll('input')){if(!i.value)continue;
  if(i.dataset.in==='path')path=path.replace('{'+i.name+'}',encodeURIComponent(i.value));
  else q.append(i.name,i.value)}
 const body=form.querySelector('textarea'),opts={method:form.dataset.method};
 if(body){opts.body=body.value;opts.headers={'Content-Type':form.querySelector('select').value}}
 const r=await fetch(path+(q.toString()?'?'+q:''),opts);
 out.textContent=r.status+' '+r.statusText+'\\n'+await r.text();return false}"""


def _param(p: dict[str, Any]) -> str:
    name = html.escape(p["name"])
    hint = html.escape(p.get("description", ""))
    return (f'<label>{name} <input name="{name}" data-in="{html.escape(p["in"])}" '
            f'title="{hint}" placeholder="{hint[:40]}"></label>')


def _section(path: str, method: str, op: dict[str, Any]) -> str:
    params = "".join(_param(p) for p in op.get("parameters", ()))
    body = ""
    if "requestBody" in op:
        body = ('<textarea name="body" placeholder="{&quot;id&quot;: &quot;…&quot;, …} or '
                '[…]"></textarea><select><option>application/json</option>'
                "<option>application/x-ndjson</option></select>")
    return (f'<section><h2><span class="m">{method.upper()}</span> <code>{html.escape(path)}'
            f'</code> — {html.escape(op["summary"])}</h2><p>{html.escape(op["description"])}</p>'
            f'<form data-path="{html.escape(path)}" data-method="{method.upper()}" '
            f'onsubmit="send(this);return false">{params}{body} <button>Gửi · Send</button>'
            "<pre></pre></form></section>")


@functools.cache
def docs_page() -> str:
    """The page as HTML text."""
    doc = openapi_document()
    sections = "".join(_section(path, method, op) for path, ops in doc["paths"].items()
                       for method, op in ops.items())
    title = html.escape(doc["info"]["title"])
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{_STYLE}</style><script>{_SCRIPT}</script></head><body><h1>{title}</h1>"
            f'<p>{html.escape(doc["info"]["description"])}</p><p>OpenAPI 3.1: '
            f'<a href="/openapi.json">/openapi.json</a></p>{sections}</body></html>')
