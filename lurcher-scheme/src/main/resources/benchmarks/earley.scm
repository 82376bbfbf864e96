;;; Earley: Earley's chart parser (Earley 1970: predictor, scanner, completer over item sets),
;;; then a count of the parse trees of the input, by dynamic programming over the completed items
;;; of the chart. The grammar is the ambiguous S -> S S | a, so a^N has Catalan(N-1) parses; the
;;; chart for it has O(N^2) items and the counting table O(N^2) entries.
;;; Usage: NTHREADS N REPEAT. Prints "earley N parses P".

;; A grammar: a vector of rules, each (lhs . rhs) with symbols; nonterminals are the lhs symbols.
(define grammar (vector '(s s s) '(s a)))
(define start 's)

(define (rule-lhs r) (car (vector-ref grammar r)))
(define (rule-rhs r) (cdr (vector-ref grammar r)))
(define (nonterminal? x)
  (let loop ((r 0))
    (and (< r (vector-length grammar)) (or (eq? (rule-lhs r) x) (loop (+ r 1))))))

;; An item is (rule dot origin), the rule's rhs after the dot kept for speed: #(rule rest origin).
(define (make-item rule rest origin) (vector rule rest origin))
(define (item-rule it) (vector-ref it 0))
(define (item-rest it) (vector-ref it 1))
(define (item-origin it) (vector-ref it 2))

;; A chart set: a vector #(items-list seen) where seen is a list of (rule rest origin) keys per
;; origin (a vector indexed by origin of lists of (rule . rest) pairs).
(define (make-set n) (vector '() (make-vector (+ n 1) '())))
(define (set-items s) (vector-ref s 0))

(define (add-item! s rule rest origin)
  (let* ((seen (vector-ref s 1))
         (keys (vector-ref seen origin)))
    (let loop ((k keys))
      (cond ((null? k)
             (vector-set! seen origin (cons (cons rule rest) keys))
             (vector-set! s 0 (cons (make-item rule rest origin) (set-items s)))
             #t)
            ((and (= (caar k) rule) (eq? (cdar k) rest)) #f)
            (else (loop (cdr k)))))))

;; Builds the chart for input (a vector of terminals): a vector of n+1 sets.
(define (parse input)
  (let* ((n (vector-length input))
         (chart (make-vector (+ n 1) #f)))
    (do ((i 0 (+ i 1))) ((> i n)) (vector-set! chart i (make-set n)))
    (do ((r 0 (+ r 1))) ((= r (vector-length grammar)))
      (when (eq? (rule-lhs r) start) (add-item! (vector-ref chart 0) r (rule-rhs r) 0)))
    (do ((i 0 (+ i 1))) ((> i n) chart)
      (let ((set (vector-ref chart i)))
        ;; Process items until no new ones appear (the list grows at its head).
        (let loop ((done '()))
          (let ((todo (let collect ((items (set-items set)) (acc '()))
                        (if (or (null? items) (eq? items done))
                            acc
                            (collect (cdr items) (cons (car items) acc))))))
            (unless (null? todo)
              (let ((before (set-items set)))
                (for-each (lambda (it) (process! chart input i it)) todo)
                (loop before)))))))))

(define (process! chart input i it)
  (let ((set (vector-ref chart i))
        (rest (item-rest it)))
    (cond
     ((null? rest)
      ;; Completer: advance the items of the origin set waiting for this lhs.
      (let ((lhs (rule-lhs (item-rule it))))
        (for-each
         (lambda (w)
           (let ((wrest (item-rest w)))
             (when (and (pair? wrest) (eq? (car wrest) lhs))
               (add-item! set (item-rule w) (cdr wrest) (item-origin w)))))
         (set-items (vector-ref chart (item-origin it))))))
     ((nonterminal? (car rest))
      ;; Predictor (and, for a nonterminal completed in this same set, the completer's share).
      (do ((r 0 (+ r 1))) ((= r (vector-length grammar)))
        (when (eq? (rule-lhs r) (car rest)) (add-item! set r (rule-rhs r) i))))
     ((and (< i (vector-length input)) (eq? (vector-ref input i) (car rest)))
      ;; Scanner.
      (add-item! (vector-ref chart (+ i 1)) (item-rule it) (cdr rest) (item-origin it))))))

;; Whether the chart has a completed item for lhs spanning i..j.
(define (completed? chart lhs i j)
  (let loop ((items (set-items (vector-ref chart j))))
    (and (pair? items)
         (or (let ((it (car items)))
               (and (null? (item-rest it)) (= (item-origin it) i) (eq? (rule-lhs (item-rule it)) lhs)))
             (loop (cdr items))))))

;; Number of parse trees of lhs over input[i..j), memoized in a table of (n+1)^2 entries per lhs.
(define (count-parses chart input)
  (let* ((n (vector-length input))
         (memo (make-vector (* (+ n 1) (+ n 1)) #f)))
    (define (count-nt lhs i j)
      (let ((k (+ (* i (+ n 1)) j)))
        (or (vector-ref memo k)
            (let ((c (if (completed? chart lhs i j)
                         (let loop ((r 0) (acc 0))
                           (if (= r (vector-length grammar))
                               acc
                               (loop (+ r 1)
                                     (if (eq? (rule-lhs r) lhs)
                                         (+ acc (count-seq (rule-rhs r) i j))
                                         acc))))
                         0)))
              (vector-set! memo k c)
              c))))
    (define (count-seq syms i j)
      (cond ((null? syms) (if (= i j) 1 0))
            ((>= i j) 0)
            ((nonterminal? (car syms))
             ;; Each symbol covers at least one token (no empty rules).
             (let loop ((l (+ i 1)) (acc 0))
               (if (> l (- j (length (cdr syms))))
                   acc
                   (loop (+ l 1)
                         (let ((left (count-nt (car syms) i l)))
                           (if (= left 0) acc (+ acc (* left (count-seq (cdr syms) l j)))))))))
            ((eq? (vector-ref input i) (car syms)) (count-seq (cdr syms) (+ i 1) j))
            (else 0)))
    (count-nt start 0 n)))

(lambda (nthreads n repeat)
  (let ((input (make-vector n 'a)))
    (let loop ((k 0) (result #f))
      (if (< k repeat)
          (loop (+ k 1) (count-parses (parse input) input))
          (begin
            (display "earley ") (display n) (display " parses ") (display result) (newline))))))
