//! Browser entry point (the `hatrack-web` binary that trunk builds): mounts the app. On the host
//! there is nothing to run; the native tool is the `hatrack` binary.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The module's start and the app's first render as two tasks rather than one long one.
    gloo_timers::callback::Timeout::new(0, hatrack::ui::start).forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "Hatrack runs in the browser: `make serve`, then open http://127.0.0.1:8080. \
         For the command-line tool, run `hatrack --help` (`make cli` installs it)."
    );
}
