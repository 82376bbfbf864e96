; Whiffle's convention: the last expression is applied to the thread count and the arguments.
(define (main nthreads . args)
  (display (list 'threads nthreads 'args args))
  (newline))
main
