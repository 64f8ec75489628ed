"""Known cross-site scripting vectors, written for this suite.

Every vector, if it ever executed, would either open a dialog (alert/confirm/prompt) or set the
sentinel ``window.__xss``. They cover the usual contexts: HTML text, attributes (quoted and
unquoted), URLs, inline script and style, SVG/MathML, template syntaxes, encodings and parser
quirks. The browser test places them in every contributor-controlled field and in the search
parameters, and fails on any dialog, any sentinel, and any CSP violation report (a CSP report
means escaping failed and only the policy stopped the script).
"""

S = "window.__xss=1"

VECTORS = [
    # Plain tags
    "<script>alert(1)</script>",
    f"<script>{S}</script>",
    "<SCRIPT SRC=/static/x.js></SCRIPT>",
    "<script src=data:text/javascript,alert(1)></script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<!--<script>-->alert(1)<!--</script>-->",
    # Event handlers
    "<img src=x onerror=alert(1)>",
    f"<img src=x onerror={S}>",
    "<img/src=x/onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe srcdoc=\"<script>parent.alert(1)</script>\"></iframe>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)></select>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<div onmouseover=alert(1) style=position:fixed;inset:0>x</div>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    # Attribute breakouts
    "\" onmouseover=\"alert(1)",
    "' onmouseover='alert(1)",
    "\"><img src=x onerror=alert(1)>",
    "'><img src=x onerror=alert(1)>",
    "\" autofocus onfocus=\"alert(1)",
    "` onmouseover=alert(1) `",
    "\"/><svg/onload=alert(1)>",
    # URLs
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "&#106;avascript:alert(1)",
    "<a href=\"javascript:alert(1)\">clic</a>",
    "<a href=\"&#x6A;avascript:alert(1)\">clic</a>",
    "<a href=\"data:text/html,<script>alert(1)</script>\">clic</a>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    # Script and JSON contexts
    "';alert(1);//",
    "\";alert(1);//",
    "</script><img src=x onerror=alert(1)>",
    "{\"a\":\"</script><script>alert(1)</script>\"}",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    # Template syntaxes (server and client side)
    "{{ 7*7 }}{% debug %}",
    "{{constructor.constructor('alert(1)')()}}",
    "${alert(1)}",
    "#{alert(1)}",
    # Style
    "<style>@import 'javascript:alert(1)';</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    # Encodings and parser quirks
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "<<script>alert(1);//<</script>",
    "<img src=\"x\" onerror=\"&#97;&#108;&#101;&#114;&#116;(1)\">",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>x</text></a></svg>",
    "<template><script>alert(1)</script></template><img src=x onerror=alert(1)>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "\u2028<script>alert(1)</script>\u2029",
    "<img src=x onerror=alert`1`>",
]

assert len(VECTORS) >= 50, len(VECTORS)
