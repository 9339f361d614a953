//! The Tokio peer of zsync's spawn benchmark: spawns `-tasks N` trivial tasks on the
//! multi-threaded runtime, keeping every JoinHandle, then awaits them all and checks the sum of
//! their results, the same workload as zsync's. Runs one warm-up round and then `-rounds R`
//! measured rounds, printing one line per measured round: `ns/task <value>`.
//! Usage: `spawn -tasks N -rounds R`.

use std::process::exit;
use std::time::Instant;

/// Task `index`'s result, as in zsync's SpawnWorkload.work.
fn work(index: u32) -> u32 {
    index & 0x7f
}

fn expected_sum(tasks: u32) -> u64 {
    (0..tasks).map(|i| work(i) as u64).sum()
}

async fn spawn_and_await(tasks: u32) -> u64 {
    let mut handles = Vec::with_capacity(tasks as usize);
    for i in 0..tasks {
        handles.push(tokio::spawn(async move { work(i) }));
    }
    let mut sum = 0u64;
    for h in handles {
        sum += h.await.unwrap_or_else(|e| fail(&format!("a task failed: {e}"))) as u64;
    }
    sum
}

#[tokio::main]
async fn main() {
    let tasks = flag("-tasks");
    let rounds = flag("-rounds");
    let expected = expected_sum(tasks);
    for round in 0..=rounds {
        let started = Instant::now();
        let sum = spawn_and_await(tasks).await;
        let elapsed = started.elapsed();
        if sum != expected {
            fail(&format!("the tasks summed to {sum}, not {expected}"));
        }
        if round > 0 {
            println!("ns/task {:.1}", elapsed.as_nanos() as f64 / tasks as f64);
        }
    }
}

/// The positive integer after `name` on the command line.
fn flag(name: &str) -> u32 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .filter(|&v| v > 0)
        .unwrap_or_else(|| fail(&format!("usage: spawn -tasks N -rounds R ({name} missing or not a positive integer)")))
}

fn fail(message: &str) -> ! {
    eprintln!("spawn: {message}");
    exit(2)
}
