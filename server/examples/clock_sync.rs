//! The countdown's clock estimate over a simulated hour per world (±5 s skew, ±100 ppm drift,
//! jittery network with stalls; a sync of four round trips every 30 s): its error against the
//! server's true time. `cargo run --release -p server --example clock_sync`
use app::clock::sync::simulation::{run, worlds};

fn main() {
    println!("skew ms  drift ppm  max error ms  p99 ms  mean ms");
    let mut worst: f64 = 0.0;
    for world in worlds() {
        let r = run(world);
        worst = worst.max(r.max_error_ms);
        println!(
            "{:>7}  {:>9}  {:>12.1}  {:>6.1}  {:>7.1}",
            world.skew_ms, world.drift_ppm, r.max_error_ms, r.p99_error_ms, r.mean_error_ms
        );
    }
    println!("worst: {worst:.1} ms (target: under 250 ms)");
}
