vcl 4.1;
# The reverse-proxy cache in front of gunicorn (see deploy/README.md).
#
# It keeps what the app marks shareable (Cache-Control with s-maxage: anonymous pages, see
# pagecache/), for as long as s-maxage says, and the app purges it on every content change:
# FRONTEND_CACHE_PURGE_URL=http://127.0.0.1:6081 makes wagtail.contrib.frontend_cache send
# PURGE <path> here. Everything else (the admin, the API, POSTs, staff) goes to the app uncached.

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # A path covers all its query strings (search pages) and both furigana variants.
        ban("obj.http.x-purge-path == " + regsub(req.url, "\?.*$", "") + " && obj.http.x-purge-host == " + req.http.host);
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Only the site's pages, /<language>/…, are kept here.
    if (req.url !~ "^/[a-z]{2}(-[a-z0-9-]+)?/" || req.url ~ "^/[^/]+/furigana/") {
        return (pass);
    }
    # Staff have a session (userbar, previews); API clients may authenticate.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Marketing parameters never change a page: one copy for all of them.
    set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid|msclkid|yclid|mc_cid|mc_eid)=[^&]*&?", "");
    set req.url = regsub(req.url, "[?&]+$", "");
    # The furigana preference is the only cookie that changes a page (easy pages say Vary: Cookie):
    # at most two variants, whatever else the visitor's cookies hold.
    if (req.http.Cookie ~ "(^|;\s*)furigana=off") {
        set req.http.Cookie = "furigana=off";
    } else {
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_backend_response {
    # Bans test these (on the object, so the ban lurker can clear old objects in the background).
    set beresp.http.x-purge-path = regsub(bereq.url, "\?.*$", "");
    set beresp.http.x-purge-host = bereq.http.host;
    if (beresp.http.Cache-Control !~ "s-maxage" || beresp.http.Set-Cookie) {
        # Not marked shareable by the app: remember that for a while, and fetch it each time.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # TTL from s-maxage and grace from stale-while-revalidate: Varnish reads both itself.
}

sub vcl_deliver {
    unset resp.http.x-purge-path;
    unset resp.http.x-purge-host;
    if (obj.hits > 0) {
        set resp.http.X-Proxy-Cache = "hit";
    } else {
        set resp.http.X-Proxy-Cache = "miss";
    }
}
