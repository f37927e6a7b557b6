//! The proxy against real servers on 127.0.0.1: the proxy runs as a real process (the built binary), in
//! demo mode or in front of a fake France Travail speaking the real protocol (OAuth2 client credentials,
//! rank answers as arrays of strings, 400 `{source, message}` refusals), with switches for expired and
//! refused tokens, 429 with `Retry-After`, 5xx and slow answers. One binary, one module per behaviour area.

mod support;

mod assets;
mod caching;
mod cors;
mod demo_dataset;
mod geography;
mod parameters;
mod upstream;
