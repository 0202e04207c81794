/*
 * stdio_impl.h: the FILE structure and what the stdio files share.
 *
 * A stream's buffer is in one of three states (mode): idle, holding
 * unread input [rpos, rend), or holding pending output [buf, wpos).
 * Switching between reading and writing flushes or discards first, so
 * programs that forget the fseek C requires between the two still work.
 * UNGET bytes of room sit just below buf so that ungetc can push back in
 * front of unread input (at least one character, as C guarantees).
 * Unbuffered streams use the one-byte buffer in the FILE itself.
 */
#ifndef VK_STDIO_IMPL_H
#define VK_STDIO_IMPL_H

#include <stdio.h>

#define UNGET		8		/* push-back room below the buffer */

/* flags */
#define F_READ		0x001		/* opened for reading */
#define F_WRITE		0x002		/* opened for writing */
#define F_APPEND	0x004		/* every write goes to the end */
#define F_EOF		0x008		/* end-of-file indicator */
#define F_ERR		0x010		/* error indicator */
#define F_LBF		0x020		/* line-buffered */
#define F_NBF		0x040		/* unbuffered */
#define F_STATIC	0x080		/* stdin, stdout, stderr: never freed */

/* mode */
#define M_IDLE		0
#define M_READ		1
#define M_WRITE		2

struct __vk_file {
	int		fd;
	unsigned	flags;
	int		mode;
	unsigned char	*buf;		/* the buffer (NULL until first use) */
	size_t		size;		/* its capacity */
	unsigned char	*rpos, *rend;	/* M_READ: unread input */
	unsigned char	*wpos;		/* M_WRITE: end of pending output */
	unsigned char	*alloc;		/* what to free, or NULL */
	struct __vk_file *next, *prev;	/* the list of open streams */
	unsigned char	small[UNGET + 1];	/* push-back room + unbuffered byte */
};

/* stdio_files.c: the list of open streams. */
extern struct __vk_file *__vk_stdio_head;
void __vk_stdio_link(FILE *f);
void __vk_stdio_unlink(FILE *f);

/* fopen.c: the open flags and stream flags for a mode string, or -1 with
 * errno EINVAL. */
int __vk_parse_mode(const char *mode, int *oflags, unsigned *fflags);
/* fopen.c: a new stream on FD (allocated, linked), or NULL. */
FILE *__vk_fnew(int fd, unsigned fflags);

/* stdio_buf.c: make sure F has a buffer (falls back to unbuffered when
 * memory is short). */
void __vk_stdio_buffer(FILE *f);

/* fflush.c: write out F's pending output; 0 or EOF (F_ERR set, the
 * output dropped).  Leaves F idle. */
int __vk_flush_out(FILE *f);
/* fflush.c: forget F's unread input, moving the file offset back over it
 * when the file can seek; leaves F idle. */
void __vk_drop_in(FILE *f);

/* fread.c: refill F's buffer for reading; 0, or EOF at end of file or on
 * error (F_EOF or F_ERR set). */
int __vk_fill(FILE *f);

/* fwrite.c: write LEN bytes from P through F's buffer; the number of bytes
 * accepted (LEN unless an error occurred, F_ERR then set). */
size_t __vk_fwrite(FILE *f, const void *p, size_t len);

/* write_all.c: write all LEN bytes to FD, retrying short writes; the
 * number written (less than LEN only on error). */
size_t __vk_write_all(int fd, const void *p, size_t len);

#endif
