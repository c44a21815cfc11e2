/*
 * The start-up locale of a native image (part of liblibchelper.a): user.language, user.country and
 * friends. As the JDK does on Unix, the display locale comes from LC_MESSAGES and the format locale
 * from LC_CTYPE, each read from the environment the usual POSIX way (LC_ALL, then LC_<category>,
 * then LANG). A value "ll_CC.charset@modifier" gives language ll and country CC; "C", "POSIX" and
 * nothing give en_US, as on the JVM.
 *
 * Left out: the JDK's alias tables (e.g. "de" -> de_DE, "iw" -> he, "@latin" -> script Latn). The
 * script and the variant are always empty; Lambda runs with LANG=en_US.UTF-8.
 */
#include <stdlib.h>
#include <string.h>

#include "svm_locale.h"

static svm_locale_props_t props;

static const char *locale_of(const char *category) {
  const char *names[] = {"LC_ALL", category, "LANG"};
  for (int i = 0; i < 3; i++) {
    const char *value = getenv(names[i]);
    if (value != NULL && *value != '\0') {
      return value;
    }
  }
  return NULL;
}

/* Splits a POSIX locale name into malloc'd language and country; returns 0 when out of memory. */
static int parse(const char *name, char **language, char **script, char **country, char **variant) {
  if (name == NULL || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0 || strncmp(name, "C.", 2) == 0) {
    name = "en_US";
  }
  size_t lang_len = strcspn(name, "_.@");
  size_t country_len = 0;
  const char *country_start = name + lang_len;
  if (*country_start == '_') {
    country_start++;
    country_len = strcspn(country_start, ".@");
  }
  *language = strndup(name, lang_len);
  *country = strndup(country_start, country_len);
  *script = strdup("");
  *variant = strdup("");
  return *language != NULL && *country != NULL && *script != NULL && *variant != NULL;
}

int svm_initialize_locale(void) {
  int ok = parse(locale_of("LC_MESSAGES"), &props.display_language, &props.display_script,
                 &props.display_country, &props.display_variant)
        && parse(locale_of("LC_CTYPE"), &props.format_language, &props.format_script,
                 &props.format_country, &props.format_variant);
  return ok ? SVM_LOCALE_INITIALIZATION_SUCCEEDED : SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY;
}

svm_locale_props_t *svm_get_locale(void) {
  return &props;
}
