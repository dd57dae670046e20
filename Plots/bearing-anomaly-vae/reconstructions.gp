# Kusari figure
# Draws reconstructions.png from reconstructions.dat (one data block per series, chosen with index).
# To restyle it, edit this file and run it from its folder:  gnuplot reconstructions.gp

# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1200,900 noenhanced font "Sans,11"
} else {
    set terminal png size 1200,900 noenhanced font "Sans,11"
}
set output 'reconstructions.png'
set encoding utf8
set minussign  # tic labels get a real minus sign (U+2212), not a hyphen

# Series 1, 2, ... of each panel use line types 1, 2, ...: colour, width, marker (pt 7: disc).
set linetype 1 lc rgb "#1f77b4" lw 2 pt 7 ps 0.8 dt solid
set linetype 2 lc rgb "#ff7f0e" lw 2 pt 7 ps 0.8 dt solid
set linetype 3 lc rgb "#2ca02c" lw 2 pt 7 ps 0.8 dt solid
set linetype 4 lc rgb "#d62728" lw 2 pt 7 ps 0.8 dt solid
set linetype 5 lc rgb "#9467bd" lw 2 pt 7 ps 0.8 dt solid
set linetype 6 lc rgb "#8c564b" lw 2 pt 7 ps 0.8 dt solid
set linetype 7 lc rgb "#e377c2" lw 2 pt 7 ps 0.8 dt solid
set linetype 8 lc rgb "#7f7f7f" lw 2 pt 7 ps 0.8 dt solid
set linetype 9 lc rgb "#bcbd22" lw 2 pt 7 ps 0.8 dt solid
set linetype 10 lc rgb "#17becf" lw 2 pt 7 ps 0.8 dt solid
set linetype cycle 10
set border 3 lc rgb "#404040"  # left and bottom axes only
set tics nomirror out scale 0.6 textcolor rgb "#303030"
set style line 100 lc rgb "#e6e6e6" lw 1 dt solid  # the grid
set multiplot layout 2,2 rowsfirst

# Panel 1 of 4 (row 1, column 1)
set title "healthy test window 0, x (min–max scaled)" font ",12"
set tmargin  # automatic
set xlabel "step"
set ylabel "x"
unset logscale
set format x "% h"
set xrange [*:*]
set format y "% h"
set yrange [*:*]
set xtics autofreq
set grid xtics ytics linestyle 100
set key outside below center horizontal reverse Left samplen 2.5 nobox height 1
plot 'reconstructions.dat' index 0 using 1:2 with lines lt 1 lc rgb "#303030" lw 2.0 title "window", \
     'reconstructions.dat' index 1 using 1:2 with lines lt 2 lc rgb "#d62728" title "LSTM-VAE (decoded μ)", \
     'reconstructions.dat' index 2 using 1:2 with lines lt 3 lc rgb "#1f77b4" title "LSTM-AE"

# Panel 2 of 4 (row 1, column 2)
set title "healthy test window 0, z (min–max scaled)" font ",12"
set tmargin  # automatic
set xlabel "step"
set ylabel "z"
unset logscale
set format x "% h"
set xrange [*:*]
set format y "% h"
set yrange [*:*]
set xtics autofreq
set grid xtics ytics linestyle 100
set key outside below center horizontal reverse Left samplen 2.5 nobox height 1
plot 'reconstructions.dat' index 3 using 1:2 with lines lt 1 lc rgb "#303030" lw 2.0 title "window", \
     'reconstructions.dat' index 4 using 1:2 with lines lt 2 lc rgb "#d62728" title "LSTM-VAE (decoded μ)", \
     'reconstructions.dat' index 5 using 1:2 with lines lt 3 lc rgb "#1f77b4" title "LSTM-AE"

# Panel 3 of 4 (row 2, column 1)
set title "rho35 window 0, x (min–max scaled)" font ",12"
set tmargin  # automatic
set xlabel "step"
set ylabel "x"
unset logscale
set format x "% h"
set xrange [*:*]
set format y "% h"
set yrange [*:*]
set xtics autofreq
set grid xtics ytics linestyle 100
set key outside below center horizontal reverse Left samplen 2.5 nobox height 1
plot 'reconstructions.dat' index 6 using 1:2 with lines lt 1 lc rgb "#303030" lw 2.0 title "window", \
     'reconstructions.dat' index 7 using 1:2 with lines lt 2 lc rgb "#d62728" title "LSTM-VAE (decoded μ)", \
     'reconstructions.dat' index 8 using 1:2 with lines lt 3 lc rgb "#1f77b4" title "LSTM-AE"

# Panel 4 of 4 (row 2, column 2)
set title "rho35 window 0, z (min–max scaled)" font ",12"
set tmargin  # automatic
set xlabel "step"
set ylabel "z"
unset logscale
set format x "% h"
set xrange [*:*]
set format y "% h"
set yrange [*:*]
set xtics autofreq
set grid xtics ytics linestyle 100
set key outside below center horizontal reverse Left samplen 2.5 nobox height 1
plot 'reconstructions.dat' index 9 using 1:2 with lines lt 1 lc rgb "#303030" lw 2.0 title "window", \
     'reconstructions.dat' index 10 using 1:2 with lines lt 2 lc rgb "#d62728" title "LSTM-VAE (decoded μ)", \
     'reconstructions.dat' index 11 using 1:2 with lines lt 3 lc rgb "#1f77b4" title "LSTM-AE"

unset multiplot
set output  # closes reconstructions.png
