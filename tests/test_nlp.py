"""nlp.parse sets what the pipeline's own attribute ruler and lemmatizer set."""

from spacy.tokens import Doc

from detente.nlp import coder_pipeline, parse, prepass_pipeline, tokenizer_only

SENTENCES = [
    "The minister didn't say whether she'd meet them, but it's likely they will.",
    "Russian forces were shelling the city of Kharkiv, officials said on Monday.",
    "He has got to be kidding; there is no deal, and there are no talks.",
    "Gonna ask 'em whether that's all they've got, y'all.",
    "The U.S.-Kenya Trade Dialogue was hosted in Washington.",
    "We, the Heads of State and Government of Chile and Peru, reaffirm our commitment.",
]


def test_parse_gives_the_pipelines_own_attributes():
    nlp = coder_pipeline()
    pre = tokenizer_only()
    for text in SENTENCES:
        tokens = pre(text)
        words = [t.text for t in tokens]
        spaces = [bool(t.whitespace_) for t in tokens]
        ours = next(parse([Doc(nlp.vocab, words=words, spaces=spaces)]))
        theirs = nlp(Doc(nlp.vocab, words=words, spaces=spaces))
        got = [(t.text, t.pos_, t.lemma_, str(t.morph)) for t in ours]
        want = [(t.text, t.pos_, t.lemma_, str(t.morph)) for t in theirs]
        assert got == want, text


def test_the_prepass_tokenizer_is_the_parsers():
    # the coder hands the pre-pass tokens to the parser instead of tokenizing again
    text = "On Monday the U.S.-Kenya talks (in Washington) ended; India-China ones didn't."
    parser_tokens = [t.text for t in coder_pipeline().tokenizer(text)]
    assert [t.text for t in tokenizer_only()(text)] == parser_tokens
    assert [t.text for t in prepass_pipeline()(text)] == parser_tokens


def test_parse_gives_the_pipelines_own_attributes_on_real_news():
    # every sentence of 30 corpus articles: rare tags, rewritten tags and multi-token
    # patterns of the attribute ruler all occur in news, and must come out as the stock
    # pipeline (whose lemmatizer keeps its word lists as lists, and whose layers multiply
    # with the blis package, not numpy's BLAS) gives them, heads and all
    import json
    from itertools import islice

    from conftest import need_shared

    from detente.nlp import full_pipeline

    nlp = coder_pipeline()
    stock = full_pipeline()
    pre = tokenizer_only()
    with open(need_shared("corpus", "articles.jsonl"), encoding="utf-8") as corpus:
        texts = [json.loads(line)["text"] for line in islice(corpus, 500, 530)]
    docs = [Doc(nlp.vocab, words=[t.text for t in sent], spaces=[bool(t.whitespace_)
                                                                  for t in sent])
            for text in texts for para in text.split("\n\n") for sent in pre(para).sents]
    parsed = list(parse(docs))  # (the pipeline's ruler and lemmatizer are off until done)
    for ours, doc in zip(parsed, docs, strict=True):
        theirs = stock(Doc(stock.vocab, words=[t.text for t in doc],
                         spaces=[bool(t.whitespace_) for t in doc]))
        assert [(t.pos_, t.lemma_, str(t.morph), t.tag_, t.dep_, t.head.i) for t in ours] == \
            [(t.pos_, t.lemma_, str(t.morph), t.tag_, t.dep_, t.head.i) for t in theirs], \
            ours.text


def test_the_coders_layers_multiply_with_numpys_blas():
    # the blis wheel's generic kernel (on CPUs it has no configuration for) is slower
    from detente.nlp import full_pipeline

    def blis_use(nlp):
        return {node.ops.use_blis for _name, pipe in nlp.pipeline
                if getattr(pipe, "model", None) is not None for node in pipe.model.walk()}

    assert blis_use(coder_pipeline()) == {False}
    assert blis_use(full_pipeline()) == {True}  # the stock pipeline, as shipped
