// Placeholder until the plotting branch lands.
#ifndef CGNUPLOT_H
#define CGNUPLOT_H
#ifdef __cplusplus
extern "C" {
#endif
int cgnuplot_placeholder(void);
#ifdef __cplusplus
}
#endif
#endif
