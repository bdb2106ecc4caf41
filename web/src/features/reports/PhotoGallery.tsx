import type { Photo } from '../../app/types';
import { useT } from '../../i18n';

export function PhotoGallery({ photos }: { photos: Photo[] }) {
  const t = useT();
  const groups = [
    { kind: 'before' as const, title: t('report.photosBefore'), alt: 'report.photoBefore' as const },
    { kind: 'after' as const, title: t('report.photosAfter'), alt: 'report.photoAfter' as const },
  ];
  return (
    <>
      {groups.map((g) => {
        const list = photos.filter((p) => p.kind === g.kind);
        if (list.length === 0) return null;
        return (
          <section key={g.kind} className="gallery" aria-labelledby={`photos-${g.kind}`}>
            <h2 id={`photos-${g.kind}`}>{g.title}</h2>
            <ul className="gallery__list">
              {list.map((p, i) => (
                <li key={p.id}>
                  <a href={p.url} target="_blank" rel="noopener">
                    <img
                      src={p.thumb_url}
                      alt={t(g.alt, { n: i + 1 })}
                      loading="lazy"
                      width={160}
                      height={p.width && p.height ? Math.round((160 * p.height) / p.width) : 120}
                    />
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
