//! Where a message stands, read from its outbox row: queued, sent, retrying after a failed
//! attempt, failed (the outbox gave up after its last attempt) or bounced (the relay refused it
//! for good). The Communications page and an applicant's page show it in words; the page's
//! filter chooses by it.

use crate::text_enum::text_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageState {
    /// Waiting for its first attempt.
    Queued,
    Sent,
    /// An attempt failed; it is tried again (`next_attempt_at`).
    Retrying,
    /// The outbox gave up after its last attempt.
    Failed,
    /// The relay refused it for good (a permanent 5xx answer).
    Bounced,
}

text_enum!(MessageState {
    Queued => "queued",
    Sent => "sent",
    Retrying => "retrying",
    Failed => "failed",
    Bounced => "bounced",
});

/// What the state is read from: an outbox row's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Delivery {
    pub sent_at: Option<i64>,
    pub failed_at: Option<i64>,
    pub bounced: bool,
    pub attempts: i64,
}

impl MessageState {
    pub fn of(d: Delivery) -> MessageState {
        match (d.sent_at, d.failed_at) {
            (Some(_), _) => MessageState::Sent,
            (None, Some(_)) if d.bounced => MessageState::Bounced,
            (None, Some(_)) => MessageState::Failed,
            (None, None) if d.attempts > 0 => MessageState::Retrying,
            (None, None) => MessageState::Queued,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MessageState::Queued => "Queued",
            MessageState::Sent => "Sent",
            MessageState::Retrying => "Retrying",
            MessageState::Failed => "Failed",
            MessageState::Bounced => "Bounced",
        }
    }

    /// The colour its badge has beside its word.
    pub fn tone(self) -> crate::ui::Tone {
        use crate::ui::Tone;
        match self {
            MessageState::Sent => Tone::Ok,
            MessageState::Queued => Tone::Info,
            MessageState::Retrying => Tone::Warn,
            MessageState::Failed | MessageState::Bounced => Tone::Danger,
        }
    }

    /// Given up on: resent by a coordinator or never.
    pub fn given_up(self) -> bool {
        matches!(self, MessageState::Failed | MessageState::Bounced)
    }

    /// Whether "Resend" queues this very message again now (a sent one is sent again as a copy).
    pub fn resendable(self) -> bool {
        matches!(
            self,
            MessageState::Failed | MessageState::Bounced | MessageState::Retrying
        )
    }

    /// The rows in this state, as SQL over the outbox's columns (no value bound).
    pub fn condition(self) -> &'static str {
        match self {
            MessageState::Sent => "sent_at IS NOT NULL",
            MessageState::Bounced => "sent_at IS NULL AND failed_at IS NOT NULL AND bounced = 1",
            MessageState::Failed => "sent_at IS NULL AND failed_at IS NOT NULL AND bounced = 0",
            MessageState::Retrying => "sent_at IS NULL AND failed_at IS NULL AND attempts > 0",
            MessageState::Queued => "sent_at IS NULL AND failed_at IS NULL AND attempts = 0",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_columns_say_its_state() {
        let d = Delivery::default();
        assert_eq!(MessageState::of(d), MessageState::Queued);
        let retrying = Delivery { attempts: 2, ..d };
        assert_eq!(MessageState::of(retrying), MessageState::Retrying);
        let failed = Delivery {
            attempts: 10,
            failed_at: Some(5),
            ..d
        };
        assert_eq!(MessageState::of(failed), MessageState::Failed);
        let bounced = Delivery {
            attempts: 1,
            failed_at: Some(5),
            bounced: true,
            ..d
        };
        assert_eq!(MessageState::of(bounced), MessageState::Bounced);
        // Sent wins: a message sent after an earlier failure is sent.
        let sent = Delivery {
            sent_at: Some(9),
            attempts: 3,
            ..d
        };
        assert_eq!(MessageState::of(sent), MessageState::Sent);
    }

    #[test]
    fn what_may_be_resent() {
        assert!(MessageState::Failed.resendable() && MessageState::Bounced.resendable());
        assert!(MessageState::Retrying.resendable());
        assert!(!MessageState::Sent.resendable() && !MessageState::Queued.resendable());
        assert!(MessageState::Bounced.given_up() && !MessageState::Retrying.given_up());
        for s in MessageState::ALL {
            assert_eq!(MessageState::parse(s.as_str()), Some(*s));
        }
    }
}
