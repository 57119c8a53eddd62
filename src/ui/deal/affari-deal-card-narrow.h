/* affari-deal-card-narrow.h — the deal card on a phone: below 600 px of window width the pages'
 * switcher moves to a bottom bar, the header has a back button and the deal's title instead of the
 * close button and the switcher (the window's only header then), the stage bar scrolls (its current
 * step kept in view) and the field being typed in stays in view when the on-screen keyboard takes
 * the bottom of the screen (the summary above the pages steps aside while the window is that short)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/deal/affari-deal-card.h"
#include "ui/common/affari-narrow-layout.h"

G_BEGIN_DECLS


typedef struct _AffariCardNarrow AffariCardNarrow;

/* Makes the card's view_switcher, switcher_bar, stage_scroller, close_button, back_button,
 * narrow_title and summary_box found by name. */
void              affari_card_narrow_class_init         (GtkWidgetClass   *widget_class);
/* Follows the width of @card's window while @card is realized; @card owns the result. */
AffariCardNarrow *affari_card_narrow_new                (AffariDealCard   *card);
void              affari_card_narrow_free               (AffariCardNarrow *self);
gboolean          affari_card_narrow_is_narrow          (AffariCardNarrow *self);
/* The stage shown changed: when narrow, its step is scrolled into view once laid out. */
void              affari_card_narrow_show_current_stage (AffariCardNarrow *self);
/* When narrow, gives the focus to the header's back button (and returns TRUE). */
gboolean          affari_card_narrow_grab_focus         (AffariCardNarrow *self);
/* TRUE or FALSE: narrow or wide whatever the window's width; -1: follows the window again. */
void              affari_card_narrow_force              (AffariCardNarrow *self,
                                                         int               narrow);

G_END_DECLS
