//! Whether a form with a draft is open. The update banner waits while one is, so a new
//! version never swaps the page out from under someone typing.

use leptos::prelude::*;

/// Count of open draft forms.
#[derive(Clone, Copy)]
pub struct Editing {
    open: RwSignal<u32>,
}

impl Editing {
    /// Whether any draft form is open (tracked).
    pub fn is_open(&self) -> bool {
        self.open.get() > 0
    }

    /// Marks a draft form as open until the calling component is unmounted.
    pub fn hold(&self) {
        self.open.update(|n| *n += 1);
        let open = self.open;
        on_cleanup(move || open.update(|n| *n = n.saturating_sub(1)));
    }
}

pub fn provide_editing() -> Editing {
    let editing = Editing { open: RwSignal::new(0) };
    provide_context(editing);
    editing
}

pub fn use_editing() -> Editing {
    expect_context::<Editing>()
}
