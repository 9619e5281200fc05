// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QIcon>
#include <QSet>
#include <QStringList>

namespace cascadeclip::ui {

/**
 * The images of the open project folder, with thumbnails (loaded lazily when a view asks, then cached) and the
 * annotator's done/todo state as a check box. GUI thread only.
 */
class ImageListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PathRole = Qt::UserRole + 1, // absolute path
        DoneRole, // bool: the annotator marked it done
        AnnotatedRole, // bool: an annotation exists (model result or edits)
    };

    explicit ImageListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    /// Image files in `folder` that we can read, sorted the way a file manager does ("img2" before "img10").
    static QStringList scanFolder(const QString& folder);

    /// Shows `fileNames` (relative to `folder`).
    void setImages(const QString& folder, const QStringList& fileNames);
    void clear();

    QString folder() const { return m_folder; }
    QString fileName(int row) const { return m_files.value(row); }
    QString path(int row) const;
    int rowOfFileName(const QString& fileName) const { return static_cast<int>(m_files.indexOf(fileName)); }
    int count() const { return static_cast<int>(m_files.size()); }

    bool isDone(int row) const { return m_done.contains(fileName(row)); }
    void setDone(int row, bool done);
    QStringList doneFiles() const { return {m_done.begin(), m_done.end()}; }
    void setAnnotated(int row, bool annotated);

    /// Edge length of thumbnails in pixels.
    static constexpr int kThumbnailSize = 56;

private:
    QIcon thumbnail(int row) const;

    QString m_folder;
    QStringList m_files;
    QSet<QString> m_done;
    QSet<QString> m_annotated;
    mutable QHash<QString, QIcon> m_thumbnails;
};

} // namespace cascadeclip::ui
