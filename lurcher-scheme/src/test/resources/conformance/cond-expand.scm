; cond-expand (features: lurcher, r7rs, precise-gc with precise roots), when and unless.
(define (show . xs) (for-each display xs) (newline))
(cond-expand
  (lurcher (define impl 'lurcher))
  (else (define impl 'other)))
(show impl)
(show (cond-expand ((and r7rs (not no-such-feature)) 'r7rs) (else 'not-r7rs)))
(show (cond-expand (no-such-feature 'yes) ((or no-such-feature precise-gc) 'precise) (else 'no)))
(show (cond-expand ((library (scheme base)) 'base) (else 'no-base)))
(show (cond-expand (no-such-feature 'x) (else 'fallback)))
(define (f)
  (cond-expand
    (precise-gc (define roots 'precise))
    (else (define roots 'conservative)))
  roots)
(show (f))
(show (when (> 2 1) 'a 'b) " " (unless (> 2 1) 'c) " " (unless #f 'd))
(lambda (n . args) #t)
