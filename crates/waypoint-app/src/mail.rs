//! The outgoing mail worker. Mail is queued in the database first, so a
//! restart loses nothing; this worker sends what is due through SMTP, or
//! in demo mode (no SMTP server configured) writes it to the log.

use crate::App;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use waypoint_store::now_ms;

impl App {
    /// Sends every mail that is due. Returns how many were sent.
    pub async fn send_due_mail(&self) -> usize {
        let due = match self.store.due_mail(50).await {
            Ok(d) => d,
            Err(e) => {
                tracing::error!(error = %e, "reading the mail queue failed");
                return 0;
            }
        };
        let transport = self
            .config
            .smtp_url
            .as_deref()
            .map(AsyncSmtpTransport::<Tokio1Executor>::from_url);
        let mut sent = 0;
        for m in due {
            let result: Result<(), String> = match &transport {
                None => {
                    tracing::info!(to = %m.to_addr, subject = %m.subject, body = %m.body, "mail (not sent: no SMTP server configured)");
                    Ok(())
                }
                Some(Err(e)) => Err(format!("bad SMTP URL: {e}")),
                Some(Ok(builder)) => {
                    let msg = (|| -> Result<Message, String> {
                        let from: Mailbox = self.config.mail_from.parse().map_err(|e| format!("{e}"))?;
                        let to: Mailbox = m.to_addr.parse().map_err(|e| format!("{e}"))?;
                        Message::builder()
                            .from(from)
                            .to(to)
                            .subject(m.subject.clone())
                            .body(m.body.clone())
                            .map_err(|e| e.to_string())
                    })();
                    match msg {
                        Ok(msg) => builder
                            .clone()
                            .build()
                            .send(msg)
                            .await
                            .map(|_| ())
                            .map_err(|e| e.to_string()),
                        Err(e) => Err(e),
                    }
                }
            };
            match result {
                Ok(()) => {
                    let _ = self.store.mail_sent(m.mail_id).await;
                    sent += 1;
                }
                Err(e) => {
                    // Back off: 1, 2, 4 … minutes.
                    let retry = now_ms() + 60_000 * (1 << m.attempts.min(10));
                    tracing::warn!(error = %e, mail = m.mail_id, "sending mail failed");
                    let _ = self.store.mail_failed(m.mail_id, &e, retry).await;
                }
            }
        }
        sent
    }

    /// Runs the mail worker and housekeeping until the process ends.
    pub fn spawn_background(&self) {
        // Writes by other processes (a second server, a command-line
        // import) reach this one's read cache within a quarter second.
        self.store.watch_changes(std::time::Duration::from_millis(250));
        let app = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
            let mut n: u64 = 0;
            loop {
                tick.tick().await;
                app.send_due_mail().await;
                n += 1;
                if n % 60 == 1 {
                    let now = now_ms();
                    let idle = now - app.config.session_idle_minutes * 60_000;
                    let abs = now - app.config.session_absolute_hours * 3_600_000;
                    let _ = app.store.purge_expired(idle, abs, now - 86_400_000).await;
                    app.abandon_import_runs().await;
                }
            }
        });
    }
}
