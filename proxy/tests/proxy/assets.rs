//! `--assets`: the built site with the right MIME types and caching headers.

use std::path::PathBuf;

use crate::support::process::Proxy;
use crate::support::{get, get_with};

fn site() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("retour-emploi-assets-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("demo")).expect("create the site");
    let files: [(&str, &[u8]); 6] = [
        ("index.html", b"<!doctype html><title>demo</title>"),
        (
            "retour-emploi-widget-0a1b2c3d4e5f6a7b.js",
            b"export default function init() {}",
        ),
        (
            "retour-emploi-widget-0a1b2c3d4e5f6a7b_bg.wasm",
            b"\0asm\x01\0\0\0",
        ),
        (
            "retour-emploi.js",
            b"import './retour-emploi-widget-0a1b2c3d4e5f6a7b.js';",
        ),
        ("retour-emploi_bg.wasm", b"\0asm\x01\0\0\0"),
        ("demo/demo.css", b"body { margin: 0 }"),
    ];
    for (name, content) in files {
        std::fs::write(dir.join(name), content).expect("write a file of the site");
    }
    dir
}

#[tokio::test]
async fn files_are_served_with_their_mime_type_and_caching() {
    let dir = site();
    let proxy = Proxy::demo(&["--assets", dir.to_str().unwrap()]).await;
    let expect = [
        ("/", "text/html", "no-cache"),
        ("/index.html", "text/html", "no-cache"),
        (
            "/retour-emploi-widget-0a1b2c3d4e5f6a7b.js",
            "text/javascript",
            "public, max-age=31536000, immutable",
        ),
        (
            "/retour-emploi-widget-0a1b2c3d4e5f6a7b_bg.wasm",
            "application/wasm",
            "public, max-age=31536000, immutable",
        ),
        (
            "/retour-emploi.js",
            "text/javascript",
            "public, max-age=300",
        ),
        (
            "/retour-emploi_bg.wasm",
            "application/wasm",
            "public, max-age=300",
        ),
        ("/demo/demo.css", "text/css", "public, max-age=300"),
    ];
    for (path, mime, cache) in expect {
        let answer = get(&proxy.url(path)).await;
        assert_eq!(answer.status, 200, "{path}");
        let content_type = answer.header("content-type").unwrap_or_default();
        assert!(content_type.starts_with(mime), "{path}: {content_type}");
        assert_eq!(answer.header("cache-control"), Some(cache), "{path}");
        assert_eq!(
            answer.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
    }
    // The API still answers next to the site, and a missing file is a 404.
    assert_eq!(get(&proxy.url("/healthz")).await.status, 200);
    assert_eq!(get(&proxy.url("/missing.js")).await.status, 404);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn scripts_are_compressed_for_clients_that_accept_it() {
    let dir = std::env::temp_dir().join(format!("retour-emploi-assets-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the site");
    std::fs::write(dir.join("big.js"), "export const x = 1;\n".repeat(500)).expect("write");
    let proxy = Proxy::demo(&["--assets", dir.to_str().unwrap()]).await;
    let client = reqwest::Client::new();
    let response = client
        .get(proxy.url("/big.js"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("GET");
    assert_eq!(
        response
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok()),
        Some("gzip")
    );
    let plain = get_with(&proxy.url("/big.js"), &[("accept-encoding", "identity")]).await;
    assert!(plain.header("content-encoding").is_none());
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn precompressed_siblings_are_served_as_they_are() {
    let dir = std::env::temp_dir().join(format!("retour-emploi-assets-pre-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the site");
    let module = "export const x = 1;\n".repeat(500);
    std::fs::write(dir.join("app.js"), &module).expect("write");
    // What scripts/precompress.mjs writes; the bytes are only a marker here: served as they are.
    std::fs::write(dir.join("app.js.br"), b"brotli sibling").expect("write");
    std::fs::write(dir.join("app.js.gz"), b"gzip sibling").expect("write");
    let proxy = Proxy::demo(&["--assets", dir.to_str().unwrap()]).await;
    for (accept, encoding, body) in [
        ("gzip, deflate, br, zstd", "br", "brotli sibling"),
        ("gzip, deflate", "gzip", "gzip sibling"),
        ("identity", "", module.as_str()),
    ] {
        let answer = get_with(&proxy.url("/app.js"), &[("accept-encoding", accept)]).await;
        assert_eq!(answer.status, 200, "{accept}");
        assert_eq!(
            answer.header("content-encoding").unwrap_or_default(),
            encoding,
            "{accept}"
        );
        let content_type = answer.header("content-type").unwrap_or_default();
        assert!(
            content_type.starts_with("text/javascript"),
            "{accept}: {content_type}"
        );
        assert_eq!(answer.body, body, "{accept}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
