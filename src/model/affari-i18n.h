/* affari-i18n.h — gettext set-up shared by the app, the CLI, the benchmark and the tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib.h>
G_BEGIN_DECLS
/* setlocale (LC_ALL, ""), then binds the "affari" domain to $AFFARI_LOCALEDIR, else the installed
 * locale directory, else the build tree's po/ (so an uninstalled build speaks Italian too). */
void affari_i18n_init (void);
G_END_DECLS
