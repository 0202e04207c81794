/*
 * ctype.h: character classes and case mapping for the "C" locale only:
 * ASCII characters are classified as usual, every other value (128-255,
 * EOF) belongs to no class and maps to itself.
 */
#ifndef _CTYPE_H
#define _CTYPE_H

#pragma GCC system_header

#ifdef __cplusplus
extern "C" {
#endif

int isalnum(int c);
int isalpha(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int isascii(int c);
int tolower(int c);
int toupper(int c);

#ifdef __cplusplus
}
#endif

#endif
