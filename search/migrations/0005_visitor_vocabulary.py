"""Default synonyms for the words visitors use for each FAQ topic when they don't know the site's
own wording (worried / anxious / scared, licence / qualification, 付き添い / 同行, ばれる / 知られる),
and British spellings for American ones. Staff edit them in the admin (検索の同義語).

The son / daughter / husband … rules of 0003 go: those words are now stop words (search.analysis),
a relative's question being the same as the visitor's own. They are removed only where staff have
not changed them.
"""

import uuid

from django.db import migrations

NEW = {
    # English: feelings and difficulty.
    "anxious": "worried、worries、not confident、hard",
    "anxiety": "worried、worries、not confident",
    "scared": "worried、not confident、hard",
    "afraid": "worried、not confident",
    "nervous": "not confident、worried",
    "difficult": "keep up、hard、demanding",
    "struggle": "keep up、hard",
    "groups": "lots of people、many people",
    "crowded": "lots of people、many people",
    "busy place": "lots of people、many people",
    # Qualifications and study.
    "license": "qualification",
    "licence": "qualification",
    "exam": "qualification、test、MOS",
    "study": "qualification、programme、e-learning",
    "course": "programme、qualification",
    # Choosing an office.
    "better": "best thing、choose、different",
    "best": "best thing、choose",
    "compare": "choose、best thing",
    "which office": "choose、best thing",
    "strength": "best thing",
    "advantage": "best thing",
    "recommend": "best thing、choose",
    # Whether it helps.
    "worth": "pointless、useful、point",
    "waste": "pointless、useful",
    # Timing of job hunting and attendance.
    "how soon": "months、when",
    "how quickly": "months、when",
    "apply for jobs": "job hunting",
    "job hunt": "job hunting",
    "looking for work": "job hunting",
    "part time": "days a week、minimum",
    "full time": "days a week",
    "every day": "days a week、minimum",
    "how many days": "days a week、minimum",
    # Who can use it.
    "age": "under 65",
    "age limit": "under 65",
    "too old": "under 65",
    "diagnosis": "doctor、medical certificate",
    "doctor's note": "doctor、medical certificate",
    "doctors note": "doctor、medical certificate",
    # Jobs and support after starting one.
    "hired": "starts a job、job、employment",
    "vacancies": "job openings",
    "job offers": "job openings、unadvertised",
    "not advertised": "unadvertised",
    "disability jobs": "jobs for people with disabilities、障害者採用",
    "keep the job": "settling、after someone starts a job",
    "placement": "work placement、workplace visit",
    "job shadowing": "workplace visit、work placement",
    "go along": "come with",
    "come along": "come with",
    # Family, leave, privacy.
    "parents": "family",
    "home situation": "family problems",
    "still employed": "on leave",
    "medical leave": "on leave",
    "personal questions": "private life、asked too much",
    "pry": "private life、asked too much",
    # Contact.
    "phone number": "phone",
    "telephone": "phone",
    "enrol": "start using、officially start",
    "enroll": "start using、officially start",
    "register": "start using、officially start",
    # American spellings of the site's British English.
    "neighboring": "neighbouring",
    "neighbor": "neighbouring",
    "counseling": "counselling",
    # Japanese and easy Japanese.
    "不安": "心配、苦手、自信",
    "怖い": "苦手、不安、心配、自信",
    "付き添い": "同行",
    "付き添う": "同行",
    "ついてくる": "同行、いっしょに",
    "強み": "一番の良さ、いちばんいいところ",
    "違い": "一番の良さ、選ぶ基準",
    "おすすめ": "一番の良さ、選ぶ基準",
    "選び方": "選ぶ基準、選べば",
    "年齢": "65歳未満",
    "何歳まで": "65歳未満",
    "年齢制限": "65歳未満",
    "意味ない": "無駄、むだ",
    "役に立つ": "無駄、むだ",
    "効果": "無駄、むだ、実績",
    "勉強": "資格、プログラム、e-learning",
    "試験": "資格、MOS",
    "休んでる": "休職、仕事を休んで",
    "休む": "休職、仕事を休んで",
    "在籍": "休職、籍",
    "家庭": "家族",
    "親": "家族",
    "事例": "例、実際のご利用者",
    "体験談": "例、実際のご利用者",
    "いいところ": "一番の良さ、いちばんいいところ",
    "何時": "時間、1日の流れ、1日例",
    "予定": "1日の流れ、1日例、スケジュール",
    "連絡": "問い合わせ、電話",
    "電話番号": "電話",
    "番号": "電話",
    "市外": "どの地域、他県、隣の町",
    "隣の市": "どの地域、隣の町",
    "求人票": "求人、募集",
}

# 0003's defaults that go now, unless staff have changed them.
REMOVED = {
    "son": "participant、person",
    "daughter": "participant、person",
    "child": "participant、person",
    "kid": "participant、person",
    "husband": "participant、person",
    "wife": "participant、person",
}


def forwards(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, synonyms in NEW.items():
        Synonym.objects.get_or_create(term=term, defaults={"synonyms": synonyms})
    for term, synonyms in REMOVED.items():
        Synonym.objects.filter(term=term, synonyms=synonyms).delete()
    bump(apps)


def backwards(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, synonyms in NEW.items():
        Synonym.objects.filter(term=term, synonyms=synonyms).delete()
    for term, synonyms in REMOVED.items():
        Synonym.objects.get_or_create(term=term, defaults={"synonyms": synonyms})
    bump(apps)


def bump(apps):
    # Running processes reload the synonyms when this version changes.
    IndexState = apps.get_model("search", "IndexState")
    IndexState.objects.update_or_create(name="synonyms", defaults={"version": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [("search", "0004_entry_alt_terms")]

    operations = [migrations.RunPython(forwards, backwards)]
