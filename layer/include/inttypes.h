/*
 * inttypes.h: printf/scanf format macros for the stdint.h types (i386:
 * 64-bit types are long long, intmax_t is long long, intptr_t is int) and
 * the intmax_t functions.
 */
#ifndef _INTTYPES_H
#define _INTTYPES_H

#pragma GCC system_header

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct { intmax_t quot, rem; } imaxdiv_t;

intmax_t imaxabs(intmax_t x);
imaxdiv_t imaxdiv(intmax_t num, intmax_t den);
intmax_t strtoimax(const char *__restrict s, char **__restrict end, int base);
uintmax_t strtoumax(const char *__restrict s, char **__restrict end, int base);


#define PRId8		"d"
#define PRIdLEAST8	"d"
#define PRIdFAST8	"d"
#define PRId16		"d"
#define PRIdLEAST16	"d"
#define PRIdFAST16	"d"
#define PRId32		"d"
#define PRIdLEAST32	"d"
#define PRIdFAST32	"d"
#define PRId64		"lld"
#define PRIdLEAST64	"lld"
#define PRIdFAST64	"lld"
#define PRIdMAX		"lld"
#define PRIdPTR		"d"

#define PRIi8		"i"
#define PRIiLEAST8	"i"
#define PRIiFAST8	"i"
#define PRIi16		"i"
#define PRIiLEAST16	"i"
#define PRIiFAST16	"i"
#define PRIi32		"i"
#define PRIiLEAST32	"i"
#define PRIiFAST32	"i"
#define PRIi64		"lli"
#define PRIiLEAST64	"lli"
#define PRIiFAST64	"lli"
#define PRIiMAX		"lli"
#define PRIiPTR		"i"

#define PRIo8		"o"
#define PRIoLEAST8	"o"
#define PRIoFAST8	"o"
#define PRIo16		"o"
#define PRIoLEAST16	"o"
#define PRIoFAST16	"o"
#define PRIo32		"o"
#define PRIoLEAST32	"o"
#define PRIoFAST32	"o"
#define PRIo64		"llo"
#define PRIoLEAST64	"llo"
#define PRIoFAST64	"llo"
#define PRIoMAX		"llo"
#define PRIoPTR		"o"

#define PRIu8		"u"
#define PRIuLEAST8	"u"
#define PRIuFAST8	"u"
#define PRIu16		"u"
#define PRIuLEAST16	"u"
#define PRIuFAST16	"u"
#define PRIu32		"u"
#define PRIuLEAST32	"u"
#define PRIuFAST32	"u"
#define PRIu64		"llu"
#define PRIuLEAST64	"llu"
#define PRIuFAST64	"llu"
#define PRIuMAX		"llu"
#define PRIuPTR		"u"

#define PRIx8		"x"
#define PRIxLEAST8	"x"
#define PRIxFAST8	"x"
#define PRIx16		"x"
#define PRIxLEAST16	"x"
#define PRIxFAST16	"x"
#define PRIx32		"x"
#define PRIxLEAST32	"x"
#define PRIxFAST32	"x"
#define PRIx64		"llx"
#define PRIxLEAST64	"llx"
#define PRIxFAST64	"llx"
#define PRIxMAX		"llx"
#define PRIxPTR		"x"

#define PRIX8		"X"
#define PRIXLEAST8	"X"
#define PRIXFAST8	"X"
#define PRIX16		"X"
#define PRIXLEAST16	"X"
#define PRIXFAST16	"X"
#define PRIX32		"X"
#define PRIXLEAST32	"X"
#define PRIXFAST32	"X"
#define PRIX64		"llX"
#define PRIXLEAST64	"llX"
#define PRIXFAST64	"llX"
#define PRIXMAX		"llX"
#define PRIXPTR		"X"

#define SCNd8		"hhd"
#define SCNdLEAST8	"hhd"
#define SCNdFAST8	"hhd"
#define SCNd16		"hd"
#define SCNdLEAST16	"hd"
#define SCNdFAST16	"d"
#define SCNd32		"d"
#define SCNdLEAST32	"d"
#define SCNdFAST32	"d"
#define SCNd64		"lld"
#define SCNdLEAST64	"lld"
#define SCNdFAST64	"lld"
#define SCNdMAX		"lld"
#define SCNdPTR		"d"

#define SCNi8		"hhi"
#define SCNiLEAST8	"hhi"
#define SCNiFAST8	"hhi"
#define SCNi16		"hi"
#define SCNiLEAST16	"hi"
#define SCNiFAST16	"i"
#define SCNi32		"i"
#define SCNiLEAST32	"i"
#define SCNiFAST32	"i"
#define SCNi64		"lli"
#define SCNiLEAST64	"lli"
#define SCNiFAST64	"lli"
#define SCNiMAX		"lli"
#define SCNiPTR		"i"

#define SCNo8		"hho"
#define SCNoLEAST8	"hho"
#define SCNoFAST8	"hho"
#define SCNo16		"ho"
#define SCNoLEAST16	"ho"
#define SCNoFAST16	"o"
#define SCNo32		"o"
#define SCNoLEAST32	"o"
#define SCNoFAST32	"o"
#define SCNo64		"llo"
#define SCNoLEAST64	"llo"
#define SCNoFAST64	"llo"
#define SCNoMAX		"llo"
#define SCNoPTR		"o"

#define SCNu8		"hhu"
#define SCNuLEAST8	"hhu"
#define SCNuFAST8	"hhu"
#define SCNu16		"hu"
#define SCNuLEAST16	"hu"
#define SCNuFAST16	"u"
#define SCNu32		"u"
#define SCNuLEAST32	"u"
#define SCNuFAST32	"u"
#define SCNu64		"llu"
#define SCNuLEAST64	"llu"
#define SCNuFAST64	"llu"
#define SCNuMAX		"llu"
#define SCNuPTR		"u"

#define SCNx8		"hhx"
#define SCNxLEAST8	"hhx"
#define SCNxFAST8	"hhx"
#define SCNx16		"hx"
#define SCNxLEAST16	"hx"
#define SCNxFAST16	"x"
#define SCNx32		"x"
#define SCNxLEAST32	"x"
#define SCNxFAST32	"x"
#define SCNx64		"llx"
#define SCNxLEAST64	"llx"
#define SCNxFAST64	"llx"
#define SCNxMAX		"llx"
#define SCNxPTR		"x"

#ifdef __cplusplus
}
#endif

#endif
