//! Video load: the portal's media server with R rooms of P members each, simulated by WebRTC
//! peers (str0m, as browsers would be) on loopback. Each member sends sound (50 packets a
//! second) and video (30 frames a second, 1.5 KB each, about 360 kbit/s) and offers the lines a
//! browser offers to receive on. Reports the time from joining to the first frame of another
//! member's video (p50, p95, max), the frames forwarded per second, the media server's CPU
//! (its own thread, from /proc) and the process's memory (the peers' included).
//!
//! cargo run --release -p server --example video_load -- [rooms] [members] [seconds]
//! (default 20 rooms of 3 for 20 s)

use app::media::{Part, SfuCell, Shown, VideoConfig, SLOTS};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use str0m::change::SdpAnswer;
use str0m::format::Codec;
use str0m::media::{Direction, MediaKind, MediaTime, Mid};
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Event, Input, Output, Rtc};

/// The CPU time (user and system, seconds) of thread `tid` of this process, from /proc (Linux:
/// clock ticks of 1/100 s).
fn thread_cpu(tid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/self/task/{tid}/stat")).unwrap_or_default();
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

struct Peer {
    rtc: Rtc,
    socket: tokio::net::UdpSocket,
    here: SocketAddr,
    audio: Mid,
    video: Mid,
}

async fn member(
    sfu: &app::media::Sfu,
    room: usize,
    n: usize,
) -> anyhow::Result<(Peer, app::media::Joined)> {
    let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await?;
    let here = socket.local_addr()?;
    let mut rtc = Rtc::builder().build(Instant::now());
    rtc.add_local_candidate(Candidate::host(here, "udp")?);
    let mut change = rtc.sdp_api();
    let audio = change.add_media(MediaKind::Audio, Direction::SendOnly, None, None, None);
    let video = change.add_media(MediaKind::Video, Direction::SendOnly, None, None, None);
    for _ in 0..SLOTS {
        change.add_media(MediaKind::Audio, Direction::RecvOnly, None, None, None);
        change.add_media(MediaKind::Video, Direction::RecvOnly, None, None, None);
    }
    let (offer, pending) = change.apply().expect("an offer");
    let part = Part::Member {
        room: format!("room-{room}"),
        shown: Shown {
            name: format!("Member {n}"),
            role: "Interviewer".into(),
        },
    };
    let (answer, joined) = sfu
        .join(&serde_json::to_string(&offer)?, part)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let answer: SdpAnswer = serde_json::from_str(&answer)?;
    rtc.sdp_api().accept_answer(pending, answer)?;
    Ok((
        Peer {
            rtc,
            socket,
            here,
            audio,
            video,
        },
        joined,
    ))
}

/// Writes one packet or frame of `codec` on line `mid` (nothing when the line or codec is not
/// there).
fn send(rtc: &mut Rtc, mid: Mid, codec: Codec, at: MediaTime, data: Vec<u8>) {
    let Some(w) = rtc.writer(mid) else { return };
    let Some(pt) = w
        .payload_params()
        .find(|x| x.spec().codec == codec)
        .map(|x| x.pt())
    else {
        return;
    };
    let _ = w.write(pt, Instant::now(), at, data);
}

/// Runs one member until `until`: sends its media once connected, counts the video frames it
/// receives; returns when the first one arrived (from its start).
async fn run(mut p: Peer, until: Instant, frames: Arc<AtomicU64>) -> Option<Duration> {
    let start = Instant::now();
    let mut first = None;
    let (mut next_audio, mut next_video) = (Instant::now(), Instant::now());
    let (mut audio_n, mut video_n) = (0u64, 0u64);
    let mut buf = vec![0u8; 2000];
    while Instant::now() < until {
        let wake = loop {
            match p.rtc.poll_output() {
                Ok(Output::Timeout(t)) => break t,
                Ok(Output::Transmit(t)) => {
                    let _ = p.socket.try_send_to(&t.contents, t.destination);
                }
                Ok(Output::Event(Event::MediaData(d))) => {
                    if d.params.spec().codec == Codec::Vp8 {
                        frames.fetch_add(1, Ordering::Relaxed);
                        first.get_or_insert(start.elapsed());
                    }
                }
                Ok(Output::Event(_)) => {}
                Err(_) => return first,
            }
        };
        let now = Instant::now();
        if p.rtc.is_connected() && now >= next_audio {
            send(
                &mut p.rtc,
                p.audio,
                Codec::Opus,
                MediaTime::from_millis(audio_n * 20),
                vec![1u8; 80],
            );
            audio_n += 1;
            next_audio += Duration::from_millis(20);
        }
        if p.rtc.is_connected() && now >= next_video {
            // A VP8 key frame's first bytes (so a frame reads as one), then filler.
            let mut frame = vec![0x10u8, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01];
            frame.resize(1500, 7);
            send(
                &mut p.rtc,
                p.video,
                Codec::Vp8,
                MediaTime::from_90khz(video_n * 3000),
                frame,
            );
            video_n += 1;
            next_video += Duration::from_millis(33);
        }
        let wait = wake
            .min(next_audio)
            .min(next_video)
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        match tokio::time::timeout(wait, p.socket.recv_from(&mut buf)).await {
            Ok(Ok((n, from))) => {
                let Ok(contents) = buf[..n].try_into() else {
                    continue;
                };
                let input = Input::Receive(
                    Instant::now(),
                    Receive {
                        proto: Protocol::Udp,
                        source: from,
                        destination: p.here,
                        contents,
                    },
                );
                if p.rtc.handle_input(input).is_err() {
                    return first;
                }
            }
            _ => {
                if p.rtc.handle_input(Input::Timeout(Instant::now())).is_err() {
                    return first;
                }
            }
        }
    }
    first
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let rooms: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(20);
    let members: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(3);
    let seconds: u64 = args.next().map(|a| a.parse()).transpose()?.unwrap_or(20);

    // The media server on a thread (and runtime) of its own, so its CPU can be read apart.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let tid = std::fs::read_link("/proc/thread-self")
                .ok()
                .and_then(|p| p.file_name().map(|f| f.to_string_lossy().into_owned()))
                .unwrap_or_default();
            let cell = SfuCell::default();
            let config = VideoConfig {
                udp_port: 0,
                tcp_port: Some(0),
                public_ip: [127, 0, 0, 1].into(),
            };
            let sfu = cell.get(config).await.expect("the media server starts");
            tx.send((sfu, tid)).unwrap();
            std::future::pending::<()>().await;
        });
    });
    let (sfu, tid) = rx.recv()?;

    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async move {
        let rss_before = rss_mb();
        let frames = Arc::new(AtomicU64::new(0));
        let until = Instant::now() + Duration::from_secs(seconds);
        let mut tasks = Vec::new();
        let mut handles = Vec::new();
        for r in 0..rooms {
            for m in 0..members {
                let (peer, joined) = member(&sfu, r, m).await?;
                handles.push(joined);
                tasks.push(tokio::spawn(run(peer, until, frames.clone())));
            }
        }
        // Measure the steady state: from a third of the run to its end.
        let settle = Duration::from_secs(seconds / 3);
        tokio::time::sleep(settle).await;
        let (cpu0, frames0, t0) = (thread_cpu(&tid), frames.load(Ordering::Relaxed), Instant::now());
        let mut firsts = Vec::new();
        for t in tasks {
            if let Some(d) = t.await? {
                firsts.push(d);
            }
        }
        let window = t0.elapsed().as_secs_f64();
        let cpu = (thread_cpu(&tid) - cpu0) / window * 100.0;
        let fps = (frames.load(Ordering::Relaxed) - frames0) as f64 / window;
        firsts.sort();
        let pct = |q: f64| {
            firsts
                .get(((firsts.len() as f64 - 1.0) * q).round() as usize)
                .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
        };
        let total = rooms * members;
        println!("video_load: {rooms} rooms × {members} members ({total} peers), {seconds} s");
        println!(
            "first remote video frame after joining: p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms ({} of {total} peers received one)",
            pct(0.5),
            pct(0.95),
            firsts.last().map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0),
            firsts.len()
        );
        let expected = total as f64 * (members as f64 - 1.0) * 30.0;
        println!(
            "video frames delivered: {fps:.0}/s of {expected:.0}/s sent to the members ({:.0} %)",
            fps / expected * 100.0
        );
        println!("media server CPU (its thread): {cpu:.1} % of one core");
        println!(
            "process memory: {:.0} MB resident ({:.0} MB more than before the peers joined; the peers' included)",
            rss_mb(),
            rss_mb() - rss_before
        );
        anyhow::ensure!(firsts.len() == total, "every peer receives video");
        drop(handles);
        Ok::<(), anyhow::Error>(())
    })
}
